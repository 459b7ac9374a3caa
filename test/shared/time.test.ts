import { describe, expect, it } from 'vitest';
import { compactDate, shanghaiDate } from '../../src-shared/time';

describe('compactDate', () => {
  it('drops the year within the current year and keeps it outside', () => {
    expect(compactDate('2025-07-15', '2025-03-01')).toBe('7月15日');
    expect(compactDate('2026-01-05', '2025-12-20')).toBe('2026年1月5日');
    expect(compactDate('2024-12-31', '2025-01-02')).toBe('2024年12月31日');
  });

  it('leaves text that is not a date alone', () => {
    expect(compactDate('下周', '2025-03-01')).toBe('下周');
  });

  it('takes today from the Beijing calendar', () => {
    // 16:30 UTC on 31 December is already 1 January in Beijing.
    const today = shanghaiDate(new Date('2025-12-31T16:30:00Z'));
    expect(compactDate('2026-01-10', today)).toBe('1月10日');
  });
});
