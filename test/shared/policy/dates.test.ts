import { describe, expect, test } from 'vitest';
import {
  addMonths,
  addYears,
  monthsBetween,
  parseQuarter,
  quarterDeadline,
  quarterOf,
  quarterRange,
  quarterZh,
} from '../../../src-shared/policy/dates';

describe('calendar arithmetic', () => {
  test.each([
    ['2025-03-15', 6, '2025-09-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-01-31', -1, '2024-12-31'],
  ])('%s + %i months = %s', (d, n, out) => {
    expect(addMonths(d, n)).toBe(out);
  });

  test('a leap day plus a year lands on 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  test.each([
    ['2025-03-15', '2025-09-14', 5],
    ['2025-03-15', '2025-09-15', 6],
    ['2025-08-31', '2026-02-28', 6],
  ])('whole months from %s to %s = %i', (a, b, n) => {
    expect(monthsBetween(a, b)).toBe(n);
  });

  test('quarters: parse, range, deadline on the 20th of the last month, label', () => {
    const q = parseQuarter('2025Q4')!;
    expect(quarterRange(q)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(quarterDeadline(q, 20)).toBe('2025-12-20');
    expect(quarterDeadline(parseQuarter('2026Q1')!, 20)).toBe('2026-03-20');
    expect(quarterZh(q)).toBe('2025年第四季度');
    expect(quarterOf('2025-06-30')).toEqual({ year: 2025, q: 2 });
    expect(parseQuarter('2025Q5')).toBeUndefined();
  });
});
