// yazl computes every entry's CRC-32 through buffer-crc32, a byte-at-a-time JavaScript loop:
// about 7 ms for the 3 MB records.json of a 10,000-review bundle, a quarter of what merely
// serialising and hashing those records costs (bench/bundle-sign.bench.ts). Node has had the
// same function natively since 20.15 (zlib.crc32, about 0.5 ms for those bytes), and yazl's
// maintainer means to use it (thejoshwolfe/yazl#82, brianloveswords/buffer-crc32#34); no
// release does yet. Until one does, the copy of buffer-crc32 that yazl itself resolves has its
// `unsigned` (the one function yazl calls) answered by zlib.crc32 for Buffer input. Same
// polynomial and seed, so the same archive bytes (test/main/packages/yazlCrc.test.ts holds the
// two to the same answers); any other input (a string, a Buffer seed) still goes to the
// original. yazl stays the writer: this swaps a checksum routine, not the ZIP layout.
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

type Unsigned = (buf: unknown, previous?: unknown) => number;
type Patched = Unsigned & { [ORIGINAL]?: Unsigned };

// Symbol.for: a second copy of this module (test isolation) must recognise the first one's patch.
const ORIGINAL = Symbol.for('qihang.yazlCrc.original');

/** The buffer-crc32 module object that yazl's own require() returns. */
export function yazlsBufferCrc32(): { unsigned: Unsigned } {
  const fromHere = createRequire(__filename);
  const fromYazl = createRequire(fromHere.resolve('yazl'));
  return fromYazl('buffer-crc32') as { unsigned: Unsigned };
}

/** Points yazl's CRC-32 at Node's native one, once per process. */
export function useNativeCrcInYazl(): { unsigned: Unsigned; original: Unsigned } {
  const mod = yazlsBufferCrc32();
  const current = mod.unsigned as Patched;
  const patchedBefore = current[ORIGINAL];
  if (patchedBefore) return { unsigned: current, original: patchedBefore };
  const original = current;
  const native: Patched = (buf, previous) => {
    if (
      Buffer.isBuffer(buf) &&
      (previous === undefined || (typeof previous === 'number' && Number.isInteger(previous)))
    ) {
      // buffer-crc32 takes the previous CRC signed or unsigned (it applies ~~); zlib wants uint32.
      return crc32(buf, previous === undefined ? 0 : previous >>> 0);
    }
    return original(buf, previous);
  };
  Object.defineProperty(native, ORIGINAL, { value: original });
  mod.unsigned = native;
  return { unsigned: native, original };
}

useNativeCrcInYazl();
