import { describe, expect, it } from 'vitest';
import { normalizeText, normalizedString } from '../../../src-shared/similarity/normalize';

describe('normalizeText', () => {
  it('folds full-width letters and digits to half width and lower case', () => {
    expect(normalizedString('ＡＢＣ１２３ｄｅｆ')).toBe('abc123def');
  });

  it('drops punctuation, symbols and every kind of whitespace, Chinese or not', () => {
    expect(normalizedString('本项目，属于“餐饮”行业。\n\t目标：  社区！（2025）')).toBe(
      '本项目属于餐饮行业目标社区2025',
    );
    expect(normalizedString('a\u3000b\u00a0c—d·e…f、g')).toBe('abcdefg');
  });

  it('remembers for each kept character where it came from', () => {
    const n = normalizeText('甲，乙 丙');
    expect(n.text).toBe('甲乙丙');
    expect([...n.origin]).toEqual([0, 2, 4]);
  });

  it('keeps a supplementary character whole and points both halves at it', () => {
    const n = normalizeText('𠮷，思');
    expect(n.text).toBe('𠮷思');
    expect([...n.origin]).toEqual([0, 0, 3]);
  });

  it('points every character a long compatibility unfolding makes at its one source place', () => {
    // U+FDFA unfolds under NFKC into 18 characters (some of them spaces, which are dropped).
    const once = 'صلى الله عليه وسلم'.replace(/ /g, '');
    const n = normalizeText('甲\uFDFA\uFDFA乙');
    expect(n.text).toBe(`甲${once}${once}乙`);
    expect([...n.origin]).toEqual([
      0,
      ...Array(once.length).fill(1),
      ...Array(once.length).fill(2),
      3,
    ]);
    // The same answer the second time (the per-character memo) as the first.
    expect(normalizeText('甲\uFDFA\uFDFA乙')).toEqual(n);
  });
});
