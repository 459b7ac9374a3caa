import { describe, expect, it } from 'vitest';
import {
  hiddenCodes,
  isolated,
  markedText,
  textSegments,
  visibleText,
} from '../../../src-shared/records/visibleText';

describe('record text with characters a reader cannot see', () => {
  it('spells every bidi control, zero-width character, BOM and C0/C1 control', () => {
    const hostile = [
      ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'],
      ...['\u2066', '\u2067', '\u2068', '\u2069'],
      ...['\u200b', '\u200c', '\u200d', '\u200e', '\u200f'],
      '\ufeff',
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u009f',
    ];
    for (const c of hostile) {
      const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(markedText(`a${c}b`)).toBe(`a⟦${code}⟧b`);
      expect(visibleText(`a${c}b`)).toBe(`a[${code}]b`);
    }
  });

  it('shows the U+202E file name as it is stored, not as it would render', () => {
    expect(markedText('季度报告\u202efdp.exe')).toBe('季度报告⟦U+202E⟧fdp.exe');
  });

  it('leaves ordinary Chinese, Latin, RTL letters, emoji and spaces alone', () => {
    for (const ok of ['张伟', 'Zhang Wei', 'שלום עולם', '𠮷野家 😀', '北京 朝阳\t区']) {
      const expected = ok.replace('\t', '⟦U+0009⟧');
      expect(markedText(ok)).toBe(expected);
    }
  });

  it('spells a lone surrogate and the noncharacters XML cannot hold, but not a surrogate pair', () => {
    expect(markedText('a\ud800b')).toBe('a⟦U+D800⟧b');
    expect(markedText('a\uffffb\ufffe')).toBe('a⟦U+FFFF⟧b⟦U+FFFE⟧');
    expect(markedText('𠮷')).toBe('𠮷');
  });

  it('cuts text into ordinary runs and single hidden characters, in order', () => {
    expect(textSegments('\u202eab\u0000\u0000c')).toEqual([
      { kind: 'hidden', code: 'U+202E' },
      { kind: 'text', text: 'ab' },
      { kind: 'hidden', code: 'U+0000' },
      { kind: 'hidden', code: 'U+0000' },
      { kind: 'text', text: 'c' },
    ]);
    expect(textSegments('')).toEqual([]);
    expect(textSegments('张伟')).toEqual([{ kind: 'text', text: '张伟' }]);
  });

  it('lists each hidden character once', () => {
    expect(hiddenCodes('a\u0000b\u0000\u202e')).toEqual(['U+0000', 'U+202E']);
    expect(hiddenCodes('张伟')).toEqual([]);
  });

  it('isolates text set into a sentence, and the text cannot close the isolate itself', () => {
    expect(isolated('abc')).toBe('\u2068abc\u2069');
    // A PDI inside the text would end the isolate early: it is spelled instead.
    const s = isolated('x\u2069\u202e');
    expect(s).toBe('\u2068x⟦U+2069⟧⟦U+202E⟧\u2069');
    expect([...s].filter((c) => c === '\u2069')).toHaveLength(1);
  });
});
