// The ZIP container for result bundles: writing, and the limits a reader applies. Reading goes
// through the one ZIP layer shared with work packages (services/packages/zip.ts), because a
// bundle may arrive from anyone over the network.
import { ZipFile } from 'yazl';
// yazl's CRC-32 is a JavaScript loop; this points it at Node's native one (see there).
import '../packages/yazlCrc';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed; above this an entry larger than 1 MiB is treated as a bomb. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

// A fixed timestamp makes the same content produce the same archive bytes.
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/**
 * Builds a ZIP in memory with every entry stored: evidence is already-compressed media, and
 * deflating megabytes of records JSON would cost more than signing and verifying them.
 */
export function writeZip(
  entries: ReadonlyArray<{ name: string; data: Uint8Array }>,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      const out = Buffer.concat(chunks);
      // A large archive owns its memory and is handed over as is rather than copied once
      // more; a small one may sit in Node's shared pool, so it gets its own copy.
      const owned = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength;
      resolve(owned ? new Uint8Array(out.buffer) : new Uint8Array(out));
    });
    for (const e of entries) {
      zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.name, {
        mtime: FIXED_MTIME,
        compressionLevel: 0,
        mode: 0o100644,
      });
    }
    zip.end();
  });
}
