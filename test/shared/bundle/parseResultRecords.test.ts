import { describe, expect, it } from 'vitest';
import { parseResultRecords } from '../../../src-shared/bundle/parseResultRecords';
import { resultRecordsSchema } from '../../../src-shared/bundle/resultBundle';

const good = {
  id: 'rev-1',
  kind: 'review',
  createdAt: '2026-03-02T10:00:00+08:00',
  payload: { total: 80, comment: '市场分析完整' },
};

// Each variant changes one thing about a valid record; the fast path must agree with zod on all.
const variants: Array<[string, unknown]> = [
  ['valid', good],
  ['valid with supersedes', { ...good, supersedes: 'rev-0' }],
  ['valid with fractional seconds and Z', { ...good, createdAt: '2026-03-02T02:00:00.123Z' }],
  ['every kind', { ...good, kind: 'print-log' }],
  ['id of 64 characters', { ...good, id: 'a'.repeat(64) }],
  ['id of 65 characters', { ...good, id: 'a'.repeat(65) }],
  ['empty id', { ...good, id: '' }],
  ['id with a slash', { ...good, id: 'rev/1' }],
  ['id with a newline at the end', { ...good, id: 'rev-1\n' }],
  ['numeric id', { ...good, id: 1 }],
  ['unknown kind', { ...good, kind: 'vote' }],
  ['missing kind', { id: 'rev-1', createdAt: good.createdAt, payload: {} }],
  ['supersedes undefined', { ...good, supersedes: undefined }],
  ['supersedes null', { ...good, supersedes: null }],
  ['bad supersedes', { ...good, supersedes: '../x' }],
  ['date without time', { ...good, createdAt: '2026-03-02' }],
  ['time without offset', { ...good, createdAt: '2026-03-02T10:00:00' }],
  ['time without seconds', { ...good, createdAt: '2026-03-02T10:00+08:00' }],
  ['30 February', { ...good, createdAt: '2026-02-30T10:00:00Z' }],
  ['29 February of a leap year', { ...good, createdAt: '2028-02-29T10:00:00Z' }],
  ['offset +24:00', { ...good, createdAt: '2026-03-02T10:00:00+24:00' }],
  ['payload array', { ...good, payload: [] }],
  ['payload null', { ...good, payload: null }],
  ['payload string', { ...good, payload: 'x' }],
  ['missing payload', { id: 'rev-1', kind: 'review', createdAt: good.createdAt }],
  ['extra key (zod strips it)', { ...good, note: 'x' }],
  [
    '__proto__ key from JSON',
    JSON.parse(
      '{"id":"rev-1","kind":"review","createdAt":"2026-03-02T10:00:00Z","payload":{},"__proto__":{"x":1}}',
    ),
  ],
  ['record is an array', [good]],
  ['record is null', null],
];

describe('parseResultRecords agrees with resultRecordsSchema', () => {
  it.each(variants)('%s', (_name, record) => {
    const list = [record];
    const fast = parseResultRecords(list);
    const zod = resultRecordsSchema.safeParse(list);
    expect(fast.success).toBe(zod.success);
    if (fast.success && zod.success) expect(fast.data).toEqual(zod.data);
    if (!fast.success && !zod.success) expect(fast.error.issues).toEqual(zod.error.issues);
  });

  it('agrees on duplicates, empty lists and non-lists', () => {
    for (const input of [[good, good], [], {}, 'x', null, [good, { ...good, id: 'rev-2' }]]) {
      const fast = parseResultRecords(input);
      const zod = resultRecordsSchema.safeParse(input);
      expect(fast.success).toBe(zod.success);
      if (fast.success && zod.success) expect(fast.data).toEqual(zod.data);
    }
  });

  it('returns a clean list as is and copies only when zod has something to strip', () => {
    const clean = [good, { ...good, id: 'rev-2' }];
    const r = parseResultRecords(clean);
    expect(r.success && r.data).toBe(clean);
    const extra = [{ ...good, note: 'x' }];
    const s = parseResultRecords(extra);
    expect(s.success && s.data).not.toBe(extra);
    expect(s.success && s.data[0]).not.toHaveProperty('note');
  });
});
