// The ZIP container for result bundles (and, read-only, for verifying packages in the CLI).
// Reading is defensive: entry count, sizes, compression ratio, paths and links are checked
// before a byte is used, because a bundle may arrive from anyone over the network.
import { fromBuffer, type Entry, type ZipFile as YauzlZip } from 'yauzl';
import { ZipFile } from 'yazl';

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

export type ZipError = {
  ok: false;
  code: 'zip-unreadable' | 'zip-limits' | 'zip-unsafe-path';
  message: string;
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

function isUnsafeName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((s) => s === '..' || s === '.') ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f]/.test(name)
  );
}

function isSymlink(entry: Entry): boolean {
  const unixMode = (entry.externalFileAttributes >>> 16) & 0o170000;
  return unixMode === 0o120000;
}

/** Reads every file entry into memory, keyed by name. Directory entries are skipped. */
export function readZip(
  data: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  what = '压缩包',
): Promise<{ ok: true; files: Map<string, Uint8Array> } | ZipError> {
  return new Promise((resolve) => {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    fromBuffer(
      buf,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (err, zip) => {
        if (err || !zip) {
          resolve({
            ok: false,
            code: 'zip-unreadable',
            message: `${what}无法读取（不是有效的 ZIP 或已截断）`,
          });
          return;
        }
        const files = new Map<string, Uint8Array>();
        let total = 0;
        let settled = false;
        const done = (r: { ok: true; files: Map<string, Uint8Array> } | ZipError) => {
          if (settled) return;
          settled = true;
          zip.close();
          resolve(r);
        };
        if (zip.entryCount > limits.maxEntries) {
          done({
            ok: false,
            code: 'zip-limits',
            message: `${what}含 ${zip.entryCount} 个条目，超过上限 ${limits.maxEntries}`,
          });
          return;
        }
        zip.on('error', () =>
          done({ ok: false, code: 'zip-unreadable', message: `${what}已损坏，无法读取` }),
        );
        zip.on('end', () => done({ ok: true, files }));
        zip.on('entry', (entry: Entry) => onEntry(zip, entry));

        function onEntry(z: YauzlZip, entry: Entry): void {
          const name = entry.fileName;
          if (isUnsafeName(name))
            return done({
              ok: false,
              code: 'zip-unsafe-path',
              message: `${what}中的路径 ${name} 不安全`,
            });
          if (isSymlink(entry))
            return done({
              ok: false,
              code: 'zip-unsafe-path',
              message: `${what}中的 ${name} 是符号链接，不允许`,
            });
          if (name.endsWith('/')) return z.readEntry();
          if (files.has(name))
            return done({
              ok: false,
              code: 'zip-unsafe-path',
              message: `${what}中的 ${name} 出现了两次`,
            });
          const size = entry.uncompressedSize;
          total += size;
          if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
            return done({ ok: false, code: 'zip-limits', message: `${what}中的 ${name} 过大` });
          }
          if (size > 1024 * 1024 && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
            return done({
              ok: false,
              code: 'zip-limits',
              message: `${what}中的 ${name} 压缩比异常，可能是压缩炸弹`,
            });
          }
          z.openReadStream(entry, (e, stream) => {
            if (e || !stream)
              return done({
                ok: false,
                code: 'zip-unreadable',
                message: `${what}中的 ${name} 无法解压`,
              });
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', () =>
              done({ ok: false, code: 'zip-unreadable', message: `${what}中的 ${name} 已损坏` }),
            );
            stream.on('end', () => {
              files.set(name, joinChunks(chunks));
              z.readEntry();
            });
          });
        }
        zip.readEntry();
      },
    );
  });
}

/**
 * A stored entry of an in-memory ZIP arrives as consecutive slices of the input buffer; a view
 * over them avoids copying megabytes (fresh pages are what a large bundle's verify pays most
 * for). Anything else — inflated output — is copied into one array.
 */
function joinChunks(chunks: readonly Buffer[]): Uint8Array {
  const first = chunks[0];
  if (!first) return new Uint8Array(0);
  let end = first.byteOffset + first.byteLength;
  for (let i = 1; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (c.buffer !== first.buffer || c.byteOffset !== end)
      return new Uint8Array(Buffer.concat(chunks));
    end += c.byteLength;
  }
  return new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset);
}
