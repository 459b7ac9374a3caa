// 32-bit hashes for shingles and MinHash. Not cryptography: MinHash needs fast, well-mixed,
// reproducible hashes, so both are documented public-domain functions with fixed constants.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, over bytes (the reference definition; test vectors in the unit test). */
export function fnv1a32Bytes(bytes: ArrayLike<number>): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]! & 0xff;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * FNV-1a over `length` UTF-16 code units of `text` from `start`, fed as little-endian byte
 * pairs: the same value as fnv1a32Bytes of the UTF-16LE encoding, without allocating it.
 */
export function fnv1a32Utf16(text: string, start = 0, length = text.length - start): number {
  let h = FNV_OFFSET;
  for (let i = start; i < start + length; i++) {
    const c = text.charCodeAt(i);
    h ^= c & 0xff;
    h = Math.imul(h, FNV_PRIME);
    h ^= c >>> 8;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * MurmurHash3's 32-bit finaliser (fmix32): a bijection on 32-bit integers with full avalanche.
 * `fmix32(x ^ seed)` is therefore a permutation of the hash space per seed, which is what
 * MinHash's "random permutation" stands for.
 */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
