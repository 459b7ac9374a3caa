// Resumable verification: per profile, the files already hashed, keyed by absolute path, size
// and mtime. A file seen again with the same three is not read again; anything else is. The
// cache lives under the profile's data folder and is replaced whole (atomic rename), so a crash
// mid-job leaves the previous cache or the new one, never a mix.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../../../src-shared/wire/primitives';
import { readJsonFile, writeFileAtomic } from '../../common/atomicFile';

const cacheFileSchema = z.object({
  version: z.literal(1),
  entries: z
    .array(
      z.object({
        path: z.string().min(1),
        size: z.number().int().min(0),
        mtimeMs: z.number(),
        sha256: sha256Hex,
      }),
    )
    .max(200_000),
});
export type CacheEntry = z.infer<typeof cacheFileSchema>['entries'][number];

/** Profile ids may hold characters a file name cannot (':'), so the file is named by a hash. */
export function verifiedCacheFile(mediaDir: string, profileId: string): string {
  const name = createHash('sha256').update(profileId).digest('hex').slice(0, 32);
  return path.join(mediaDir, `verified-${name}.json`);
}

export class VerifiedCache {
  private readonly entries = new Map<string, CacheEntry>();
  private dirty = false;

  private constructor(private readonly file: string) {}

  /** The cache as stored; an unreadable or malformed file is an empty cache (re-hash all). */
  static async open(file: string): Promise<VerifiedCache> {
    const cache = new VerifiedCache(file);
    try {
      const parsed = cacheFileSchema.safeParse(await readJsonFile(file));
      if (parsed.success) for (const e of parsed.data.entries) cache.entries.set(e.path, e);
    } catch {
      // Corrupt JSON: start over; the next save replaces it.
    }
    return cache;
  }

  /** The SHA-256 verified earlier for this exact file state, if any. */
  lookup(filePath: string, size: number, mtimeMs: number): string | undefined {
    const e = this.entries.get(filePath);
    return e && e.size === size && e.mtimeMs === mtimeMs ? e.sha256 : undefined;
  }

  remember(entry: CacheEntry): void {
    this.entries.set(entry.path, entry);
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const body = { version: 1 as const, entries: [...this.entries.values()] };
    await writeFileAtomic(this.file, JSON.stringify(body));
  }
}
