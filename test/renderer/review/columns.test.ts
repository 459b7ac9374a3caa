// The queue's stored package part (columns.ts): what goes in comes out, field for field.
import { describe, expect, it } from 'vitest';
import { fromColumns, isColumns, toColumns } from '../../../src-renderer/features/review/columns';

describe('columns', () => {
  it('gives back the records with the fields each had, null and absent kept apart', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({
      assignment: {
        id: `A${i}`,
        packageId: 'P',
        ...(i % 3 ? { dueAt: `2026-04-0${1 + (i % 9)}` } : {}),
      },
      submission:
        i === 5
          ? null
          : { id: `S${i}`, title: `计划书${i}`, files: i % 2 ? ['f1', 'f2'] : undefined },
      traineeName: i % 7 ? `学员${i}` : '—',
      program: i % 4 ? 'basic' : null,
      versions: i % 5,
    }));
    const columns = toColumns(records);
    // Few distinct values are stored once each (the package, the program, the due dates).
    const coded = columns.fields.filter((f) => f.codes).map((f) => f.path.join('.'));
    expect(coded).toEqual(
      expect.arrayContaining(['assignment.packageId', 'program', 'assignment.dueAt']),
    );
    expect(coded).not.toContain('assignment.id');
    const back = fromColumns<(typeof records)[number]>(structuredClone(columns));
    expect(back).toEqual(records);
    expect(back[5]!.submission).toBeNull();
    expect('dueAt' in back[0]!.assignment).toBe(false);
    expect(back[4]!.program).toBeNull();
  });

  it('gives back an empty list, and knows its own shape from anything else', () => {
    expect(fromColumns(toColumns([]))).toEqual([]);
    expect(isColumns(toColumns([{ a: 1 }]))).toBe(true);
    expect(isColumns('[{"a":1}]')).toBe(false);
    expect(isColumns({ count: 1, fields: [{ path: ['a'], values: [1], codes: [0] }] })).toBe(false);
  });
});
