import { describe, expect, it } from 'vitest';
import { fmix32, fnv1a32Bytes, fnv1a32Utf16 } from '../../../src-shared/similarity/hash';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32Bytes([])).toBe(0x811c9dc5);
    expect(fnv1a32Bytes(ascii('a'))).toBe(0xe40c292c);
    expect(fnv1a32Bytes(ascii('foobar'))).toBe(0xbf9cf968);
  });

  it('hashes a UTF-16 slice exactly like the bytes of its UTF-16LE encoding', () => {
    const text = '甲创业计划书𠮷乙';
    const bytes = [...Buffer.from(text.slice(1, 7), 'utf16le')];
    expect(fnv1a32Utf16(text, 1, 6)).toBe(fnv1a32Bytes(bytes));
  });
});

describe('fmix32', () => {
  it('matches MurmurHash3 fmix32 on known values and keeps 0 fixed', () => {
    expect(fmix32(0)).toBe(0);
    // fmix32(1) from the reference C implementation.
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('sends distinct inputs to distinct outputs (a bijection) on a sample', () => {
    const out = new Set<number>();
    for (let i = 0; i < 100_000; i++) out.add(fmix32(i));
    expect(out.size).toBe(100_000);
  });
});
