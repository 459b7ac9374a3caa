// Large media travel beside the package (a drive or folder) and are matched to the manifest by
// relative path first, then by SHA-256 among files of the right size. Absence is not fatal (the
// reviewer can attach the drive later); a file that is found but differs is.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PackageFile } from '../../../src-shared/records/records';
import { packageErrors } from '../../../src-shared/records/packageErrors';
import { isPathInside } from '../../common/isPathInside';
import { fail, PackageFailure } from './failure';

/** Bounds the folder walk so a wrong choice (a whole disk) fails soft instead of hanging. */
const MAX_INDEXED_FILES = 200_000;

export type ExternalMatch =
  { location: 'external'; externalPath: string } | { location: 'missing' };

export async function hashFile(
  path: string,
  pkg: string,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      onBytes((chunk as Buffer).length);
    }
  } catch (error) {
    if (signal?.aborted) throw new PackageFailure(packageErrors.cancelled(pkg));
    throw error;
  }
  return hash.digest('hex');
}

async function regularFileSize(path: string): Promise<number | undefined> {
  try {
    const st = await lstat(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/** Regular files under the media folders by size; symlinks are not followed. */
async function indexBySize(dirs: string[]): Promise<Map<number, string[]>> {
  const bySize = new Map<number, string[]>();
  let count = 0;
  const stack = dirs.map((d) => resolve(d));
  while (stack.length > 0 && count < MAX_INDEXED_FILES) {
    const dir = stack.pop() as string;
    let names;
    try {
      names = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of names) {
      const full = join(dir, d.name);
      if (d.isDirectory()) stack.push(full);
      else if (d.isFile()) {
        const size = await regularFileSize(full);
        if (size === undefined) continue;
        const list = bySize.get(size) ?? [];
        list.push(full);
        bySize.set(size, list);
        if (++count >= MAX_INDEXED_FILES) break;
      }
    }
  }
  return bySize;
}

export class ExternalMediaLocator {
  private index: Promise<Map<number, string[]>> | undefined;
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly dirs: string[],
    private readonly pkg: string,
    private readonly signal?: AbortSignal,
  ) {}

  private async hashOf(path: string, onBytes: (n: number) => void): Promise<string> {
    const known = this.hashes.get(path);
    if (known) return known;
    const hash = await hashFile(path, this.pkg, onBytes, this.signal);
    this.hashes.set(path, hash);
    return hash;
  }

  /** The first regular file at the manifest's relative path under a media folder. */
  private async atPath(file: PackageFile): Promise<{ path: string; size: number } | undefined> {
    for (const dir of this.dirs) {
      const root = resolve(dir);
      const candidate = resolve(root, ...file.path.split('/'));
      if (!isPathInside(root, candidate)) continue;
      const size = await regularFileSize(candidate);
      if (size !== undefined) return { path: candidate, size };
    }
    return undefined;
  }

  private sameSize(file: PackageFile): Promise<string[]> {
    this.index ??= indexBySize(this.dirs);
    return this.index.then((bySize) => bySize.get(file.size) ?? []);
  }

  /**
   * Whether a file could be here at all: one at its relative path or one of its size. Cheap (no
   * hashing), so the progress total can leave out media that are simply not attached.
   */
  async mayHave(file: PackageFile): Promise<boolean> {
    return (await this.atPath(file)) !== undefined || (await this.sameSize(file)).length > 0;
  }

  async locate(file: PackageFile, onBytes: (n: number) => void): Promise<ExternalMatch> {
    const found = await this.atPath(file);
    if (found) {
      if (found.size !== file.size || (await this.hashOf(found.path, onBytes)) !== file.sha256) {
        fail(packageErrors.externalHashMismatch(this.pkg, file.path, found.path));
      }
      return { location: 'external', externalPath: found.path };
    }
    // Hashing a same-size stranger is not progress on this file, so it is not reported.
    for (const candidate of await this.sameSize(file)) {
      if ((await this.hashOf(candidate, () => {})) === file.sha256) {
        return { location: 'external', externalPath: candidate };
      }
    }
    return { location: 'missing' };
  }
}
