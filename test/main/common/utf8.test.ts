import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The fallback path is reached by making transcode throw, as it does in a Node without ICU.
const broken = vi.hoisted(() => ({ transcode: false }));
vi.mock('node:buffer', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:buffer')>();
  return {
    ...real,
    transcode: (...args: Parameters<typeof real.transcode>) => {
      if (broken.transcode) throw new Error('ICU is not available');
      return real.transcode(...args);
    },
  };
});

const { decodeStrictUtf8, encodeJsonArrayUtf8 } = await import('../../../src-main/common/utf8');

afterEach(() => {
  broken.transcode = false;
});

// Long enough to take the ICU path (it starts at 64 KiB) with Chinese, emoji and controls mixed in.
const bigText = (seed: string) =>
  Array.from({ length: 4000 }, (_, i) => `第${i}份：${seed}😀\u0000\t"é`).join('，');

describe('encodeJsonArrayUtf8', () => {
  const same = (items: unknown[]) =>
    encodeJsonArrayUtf8(items).equals(Buffer.from(JSON.stringify(items), 'utf8'));

  it.each([
    ['short', [{ a: '市场分析较完整' }]],
    // One element far over a slice's budget, and a lone surrogate JSON.stringify escapes.
    ['long', [bigText('现金流'), bigText('lone \udc00 surrogate')]],
  ])('writes the same bytes as Buffer.from for %s JSON text', (_name, items) => {
    expect(same(items)).toBe(true);
  });

  it('agrees with Buffer.from on arrays of any strings repeated past one slice, with and without ICU', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 40 }),
        fc.boolean(),
        (parts, icu) => {
          broken.transcode = !icu;
          return same(Array.from({ length: 2000 }, () => parts));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes the bytes of JSON.stringify for empty, one-element and many-slice arrays', () => {
    expect(encodeJsonArrayUtf8([]).toString()).toBe('[]');
    expect(same([{ a: '市场分析' }])).toBe(true);
    // Reviews of very different sizes, so the slices change length as they go.
    const mixed = Array.from({ length: 3000 }, (_, i) => ({
      id: `rev-${i}`,
      comment: i % 97 === 0 ? bigText(`长评语${i}`) : `第 ${i} 份：现金流😀`,
      n: i,
      gone: undefined,
    }));
    expect(same(mixed)).toBe(true);
    expect(encodeJsonArrayUtf8(mixed).byteLength).toBeGreaterThan(1024 * 1024);
  });

  it('agrees with JSON.stringify on any array of JSON values, with and without ICU', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.jsonValue(),
            fc.string({ unit: 'binary', maxLength: 400 }),
            fc.constant(undefined),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        (items, copies, icu) => {
          broken.transcode = !icu;
          // Repeated so that most arrays need several slices.
          return same(Array.from({ length: copies }, () => items).flat());
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('decodeStrictUtf8', () => {
  it('reads back what was written, through ICU and without it', () => {
    const text = bigText('财务测算');
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.byteLength).toBeGreaterThan(64 * 1024);
    expect(decodeStrictUtf8(bytes)).toBe(text);
    broken.transcode = true;
    expect(decodeStrictUtf8(bytes)).toBe(text);
  });

  it('reads a view into a larger buffer, not the whole buffer', () => {
    const text = bigText('视图');
    const inner = Buffer.from(text, 'utf8');
    const outer = new Uint8Array(inner.byteLength + 20);
    outer.set(inner, 10);
    expect(decodeStrictUtf8(outer.subarray(10, 10 + inner.byteLength))).toBe(text);
  });

  it.each([
    ['a truncated sequence at the end', [0xe7, 0xac]],
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses %s, in short and long input alike', (_name, bad) => {
    expect(() => decodeStrictUtf8(Uint8Array.from(bad))).toThrow('not UTF-8');
    const long = Buffer.concat([Buffer.from(bigText('坏字节'), 'utf8'), Buffer.from(bad)]);
    // ICU would have put U+FFFD there; the strict reading must refuse instead.
    expect(() => decodeStrictUtf8(long)).toThrow('not UTF-8');
  });

  it('keeps a byte order mark, so JSON.parse still refuses it', () => {
    const json = JSON.stringify([bigText('BOM')]);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]);
    const text = decodeStrictUtf8(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});
