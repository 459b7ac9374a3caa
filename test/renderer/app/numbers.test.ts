import { describe, expect, it } from 'vitest';
import { t } from '../../../src-renderer/app/strings';

describe('counts in the string catalog are grouped as people read them', () => {
  it('in the review queue: its total and each status filter', () => {
    expect(t.review.queue.count(1234, 50000)).toBe('已提交 1,234 / 共 50,000 件');
    expect(t.review.queue.statusCount(t.review.queue.status.all, 50000)).toBe('全部 50,000');
    expect(t.review.queue.count(0, 110)).toBe('已提交 0 / 共 110 件');
  });

  it('in the import dialog, as before', () => {
    expect(t.packageImport.count(200000)).toBe('200,000');
  });
});
