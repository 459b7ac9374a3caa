// The files of an attached media folder: regular files only (symlinks are not followed, so a
// link cannot smuggle in a file from outside the folder), bounded so that choosing a whole disk
// fails soft instead of walking it for an hour.
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

export const MAX_SCANNED_FILES = 200_000;

export interface ScannedFile {
  /** Relative to the folder, POSIX separators: comparable with manifest paths. */
  relPath: string;
  absPath: string;
  size: number;
  mtimeMs: number;
}

export interface FolderScan {
  root: string;
  files: ScannedFile[];
  /** More files than MAX_SCANNED_FILES: the rest were not looked at. */
  truncated: boolean;
}

export async function scanFolder(folder: string, limit = MAX_SCANNED_FILES): Promise<FolderScan> {
  const root = await realpath(folder);
  const files: ScannedFile[] = [];
  const stack: string[] = [''];
  let truncated = false;
  while (stack.length > 0) {
    const rel = stack.pop() as string;
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        stack.push(relPath);
        continue;
      }
      if (!entry.isFile()) continue;
      if (files.length >= limit) {
        truncated = true;
        break;
      }
      const absPath = path.join(root, ...relPath.split('/'));
      try {
        const st = await lstat(absPath);
        if (st.isFile()) files.push({ relPath, absPath, size: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // Vanished between readdir and lstat: not there.
      }
    }
    if (truncated) break;
  }
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { root, files, truncated };
}
