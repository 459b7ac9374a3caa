import { describe, expect, it } from 'vitest';
import { idsSharingAName } from '../../../src-shared/records/sameNames';

const rows = [
  { id: 'T-1', name: '王芳' },
  { id: 'T-2', name: '李明' },
  { id: 'T-3', name: '王芳' },
  { id: 'T-4', name: '张伟' },
];

describe('idsSharingAName', () => {
  it('names the rows that would read the same without their id, and only those', () => {
    const shared = idsSharingAName(
      rows,
      (r) => r.name,
      (r) => r.id,
    );
    expect([...shared].sort()).toEqual(['T-1', 'T-3']);
  });

  it('is empty when every name is different', () => {
    expect(
      idsSharingAName(
        rows.slice(1, 3),
        (r) => r.name,
        (r) => r.id,
      ).size,
    ).toBe(0);
  });
});
