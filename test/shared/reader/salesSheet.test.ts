import { describe, expect, it } from 'vitest';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { salesAverage } from '../../../src-shared/policy/salesAverage';
import { parseSalesSheet } from '../../../src-shared/reader/salesSheet';

const practice = { shopMonths: 6, minAverageMonthlySalesYuan: 3000 };

describe('parseSalesSheet', () => {
  it('reads the demo sheet: BOM, 月份 / 订单数 / 销售额（元）, months in order', () => {
    const sheet = parseSalesSheet(
      '\uFEFF月份,订单数,销售额（元）\n2025-02,61,6726\n2024-12,85,6266\n2025-01,59,4045\n',
      'evidence/T-1-sales.csv',
    );
    expect(sheet).toEqual({
      ok: true,
      rows: [
        { month: '2024-12', orders: 85, amountYuan: 6266 },
        { month: '2025-01', orders: 59, amountYuan: 4045 },
        { month: '2025-02', orders: 61, amountYuan: 6726 },
      ],
    });
  });

  it('accepts quoted amounts with thousands separators and 2025年3月 months', () => {
    const sheet = parseSalesSheet('月份,销售额\r\n2025年3月,"3,200.50"\r\n', 'a.csv');
    expect(sheet).toEqual({ ok: true, rows: [{ month: '2025-03', amountYuan: 3200.5 }] });
  });

  it('names the file and the line of a month or amount it cannot read', () => {
    const bad = parseSalesSheet('月份,销售额\n2025-13,100\n', 'evidence/x.csv');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.message).toBe(
        '销售记录“evidence/x.csv”无法读取：第 2 行的月份“2025-13”不是 YYYY-MM',
      );
    const neg = parseSalesSheet('月份,销售额\n2025-01,-5\n', 'x.csv');
    expect(!neg.ok && neg.message).toContain('第 2 行的销售额“-5”不是非负数');
    const dup = parseSalesSheet('月份,销售额\n2025-01,5\n2025-01,6\n', 'x.csv');
    expect(!dup.ok && dup.message).toContain('月份 2025-01 重复');
  });

  it('refuses a sheet without the month and sales columns, or without rows', () => {
    expect(parseSalesSheet('日期,金额\n2025-01,1\n', 'x.csv').ok).toBe(false);
    expect(parseSalesSheet('月份,销售额\n', 'x.csv').ok).toBe(false);
    expect(parseSalesSheet('', 'x.csv').ok).toBe(false);
  });
});

describe('salesAverage (R-SUBSIDY-PRACTICE)', () => {
  const months = (amounts: number[]) =>
    amounts.map((amountYuan, i) => ({
      month: `2025-${String(i + 1).padStart(2, '0')}`,
      amountYuan,
    }));

  it('averages six months in fen and compares with the 3000 元 minimum', () => {
    const a = salesAverage(months([6266, 4045, 6726, 6721, 4900, 5016]), practice);
    expect(a).toEqual({
      months: 6,
      totalFen: 3367400,
      averageYuan: 5612.33,
      enoughData: true,
      meetsMinimum: true,
    });
  });

  it('meets the minimum exactly at 3000.00 and not at 2999.99 on average', () => {
    expect(salesAverage(months([3000, 3000, 3000, 3000, 3000, 3000]), practice).meetsMinimum).toBe(
      true,
    );
    expect(
      salesAverage(months([3000, 3000, 3000, 3000, 3000, 2999.94]), practice).meetsMinimum,
    ).toBe(false);
    // Summed in fen: 0.1 + 0.2 adds up exactly.
    expect(salesAverage(months([0.1, 0.2]), practice).totalFen).toBe(30);
  });

  it('says there is not enough data below six months, whatever the average', () => {
    const a = salesAverage(months([9000, 9000, 9000]), practice);
    expect(a.enoughData).toBe(false);
    expect(a.meetsMinimum).toBe(false);
    expect(a.averageYuan).toBe(9000);
  });

  it('uses the parameters of the shipped policy pack', () => {
    expect(JRSNF_2023_25.practice).toMatchObject(practice);
  });
});
