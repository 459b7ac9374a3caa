// The files main has verified in this run, by SHA-256: the only media the app:// handler serves.
// An entry remembers the size and mtime the hash was taken at; a file that changed since is no
// longer served (the handler re-checks before every answer), so a swapped file is never played.
import { stat } from 'node:fs/promises';

export interface VerifiedEntry {
  sha256: string;
  /** Absolute path of the verified file. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** Structurally the app:// handler's `MediaSource` (security/appHandler.ts). */
export class VerifiedMedia {
  /** sha256 → profileId → entry: a profile only ever gets URLs for what it verified. */
  private readonly byHash = new Map<string, Map<string, VerifiedEntry>>();

  add(profileId: string, entry: VerifiedEntry): void {
    const perProfile = this.byHash.get(entry.sha256) ?? new Map<string, VerifiedEntry>();
    perProfile.set(profileId, entry);
    this.byHash.set(entry.sha256, perProfile);
  }

  /** Drops everything a profile verified (a new attach replaces the previous folder). */
  forgetProfile(profileId: string): void {
    for (const [sha, perProfile] of this.byHash) {
      perProfile.delete(profileId);
      if (perProfile.size === 0) this.byHash.delete(sha);
    }
  }

  has(profileId: string, sha256: string): boolean {
    return this.byHash.get(sha256)?.has(profileId) ?? false;
  }

  async lookup(sha256: string): Promise<{ path: string; size: number } | 'unverified' | 'changed'> {
    const entries = this.byHash.get(sha256);
    if (!entries || entries.size === 0) return 'unverified';
    for (const entry of entries.values()) {
      try {
        const st = await stat(entry.path);
        if (st.isFile() && st.size === entry.size && st.mtimeMs === entry.mtimeMs) {
          return { path: entry.path, size: entry.size };
        }
      } catch {
        // Gone since verification: try another profile's copy, else refuse.
      }
    }
    return 'changed';
  }
}
