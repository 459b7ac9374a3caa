import { describe, expect, it } from 'vitest';
import { phaseText } from '../../../src-renderer/features/packages/importPhase';
import type { ImportView } from '../../../src-renderer/features/packages/importFlow';

const rows = (stage: 'clearing' | 'receiving' | 'checking' | 'writing', done: number) =>
  ({
    step: 'writing',
    fileName: 'a.qhpkg',
    stage,
    done,
    total: 200_000,
    written: 4_000,
  }) satisfies ImportView;

describe('the import dialog line while rows are imported', () => {
  it('stays on the rows written while a page is received, looked up and written', () => {
    const texts = [rows('receiving', 6_000), rows('checking', 6_000), rows('writing', 4_000)].map(
      phaseText,
    );
    expect(new Set(texts)).toEqual(new Set(['写入数据库 4,000 / 200,000 条']));
  });

  it('names the removal of an old version, which runs before any row is written', () => {
    expect(phaseText(rows('clearing', 1_500))).toBe('移除旧版本数据 1,500 / 200,000 条');
  });

  it('says 写入数据库… before the first count arrives', () => {
    expect(phaseText({ step: 'writing', fileName: 'a.qhpkg' })).toBe('写入数据库…');
  });
});
