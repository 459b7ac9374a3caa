// The one zod-issue describer: the field in dots or brackets, the first issue or all of them.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allIssues, firstIssue, issuePath } from '../../src-shared/zodIssues';

const schema = z.object({ rows: z.array(z.object({ id: z.string(), n: z.number() })) });
const issues = () => {
  const r = schema.safeParse({
    rows: [
      { id: 'a', n: 1 },
      { id: 2, n: 'x' },
    ],
  });
  if (r.success) throw new Error('should fail');
  return r.error.issues;
};

describe('zod issues in words', () => {
  it('names the field in dots for requests and in brackets for hand-edited files', () => {
    expect(issuePath(['rows', 1, 'id'], '(根)')).toBe('rows.1.id');
    expect(issuePath(['rows', 1, 'id'], '(根)', 'brackets')).toBe('rows[1].id');
    expect(issuePath([], '(整个请求)')).toBe('(整个请求)');
  });

  it('gives the first issue, or every issue in one line', () => {
    expect(firstIssue(issues(), '(根)').field).toBe('rows.1.id');
    const all = allIssues(issues(), '(根)');
    expect(all.split('；')).toHaveLength(2);
    expect(all).toMatch(/^rows\[1\]\.id：.+；rows\[1\]\.n：.+$/);
    expect(firstIssue([], '(根)')).toEqual({ field: '(根)', message: '格式不正确' });
  });
});
