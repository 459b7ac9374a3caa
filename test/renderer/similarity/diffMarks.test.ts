import { describe, expect, it } from 'vitest';
import { diffMarks, MAX_DIFF_CHARS } from '../../../src-renderer/features/similarity/diffMarks';

const changed = (segs: Array<{ text: string; changed: boolean }>) =>
  segs.filter((s) => s.changed).map((s) => s.text);

describe('diffMarks', () => {
  it('marks only the words a copier swapped', () => {
    const d = diffMarks(
      '主营现烤低糖全麦面包，创始人有八年经验',
      '主营现烤无糖全麦面包，创始人有六年经验',
    );
    expect(changed(d.a)).toEqual(['低', '八']);
    expect(changed(d.b)).toEqual(['无', '六']);
    expect(d.a.map((s) => s.text).join('')).toBe('主营现烤低糖全麦面包，创始人有八年经验');
  });

  it('marks inserted text on the side that has it', () => {
    const d = diffMarks('日均售出二百个', '日均售出一百八十个');
    expect(changed(d.a).join('')).toBe('二');
    expect(changed(d.b).join('')).toBe('一八十');
  });

  it('leaves identical and very long passages unmarked', () => {
    expect(changed(diffMarks('相同', '相同').a)).toEqual([]);
    const long = '甲'.repeat(MAX_DIFF_CHARS + 1);
    expect(changed(diffMarks(long, '乙').b)).toEqual([]);
  });
});
