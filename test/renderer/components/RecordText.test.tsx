import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cutSegments, RecordText } from '../../../src-renderer/components/RecordText';
import { textSegments } from '../../../src-shared/records/visibleText';

describe('RecordText', () => {
  it('wraps the text in <bdi> and shows a hidden character as a marker, never raw', () => {
    const html = renderToStaticMarkup(<RecordText text={'季度报告\u202efdp.exe'} />);
    expect(html).toMatch(/^<bdi data-record-text="">季度报告<span data-hidden-char="U\+202E"/);
    expect(html).toContain('⟦U+202E⟧</span>fdp.exe</bdi>');
    expect(html).not.toContain('\u202e');
  });

  it('shows a NUL as a marker', () => {
    const html = renderToStaticMarkup(<RecordText text={'王\u0000五'} />);
    expect(html).toContain('⟦U+0000⟧');
    expect(html).not.toContain('\u0000');
  });

  it('cuts a long name and puts the whole of it, spelled, on hover', () => {
    const long = `${'很'.repeat(50)}\u202e尾`;
    const html = renderToStaticMarkup(<RecordText text={long} max={10} />);
    expect(html).toContain(`title="${'很'.repeat(50)}⟦U+202E⟧尾"`);
    expect(html).toContain(`>${'很'.repeat(10)}…</bdi>`);
  });

  it('gives a short name no title', () => {
    expect(renderToStaticMarkup(<RecordText text="张伟" max={10} />)).toBe(
      '<bdi data-record-text="">张伟</bdi>',
    );
  });

  it('counts a marker as one character and never splits a surrogate pair', () => {
    expect(cutSegments(textSegments('ab\u0000cd'), 3)).toEqual({
      shown: [
        { kind: 'text', text: 'ab' },
        { kind: 'hidden', code: 'U+0000' },
      ],
      cut: true,
    });
    expect(cutSegments(textSegments('𠮷𠮷𠮷'), 2)).toEqual({
      shown: [{ kind: 'text', text: '𠮷𠮷' }],
      cut: true,
    });
    expect(cutSegments(textSegments('abc'), 3)).toEqual({
      shown: [{ kind: 'text', text: 'abc' }],
      cut: false,
    });
  });
});
