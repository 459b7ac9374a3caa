import { describe, expect, it } from 'vitest';
import { formatYuan } from '../../src-shared/money';

describe('formatYuan', () => {
  it('groups thousands and keeps at most two decimals', () => {
    expect(formatYuan(12000)).toBe('12,000 元');
    expect(formatYuan(1500.5)).toBe('1,500.5 元');
    expect(formatYuan(0.125)).toBe('0.13 元');
  });
});
