// R-SUBSIDY-PRACTICE, online shops: the average monthly sales over the months of sales data,
// which must cover at least the pack's shopMonths (6) and reach minAverageMonthlySalesYuan (3000
// 元). One home for the sum, shared by the rule engine and the reader's sales sheet; amounts are
// summed in whole fen so 0.1 + 0.2 never decides a subsidy.

export interface MonthlySale {
  /** YYYY-MM */
  month: string;
  amountYuan: number;
}

export interface SalesRule {
  shopMonths: number;
  minAverageMonthlySalesYuan: number;
}

export interface SalesAverage {
  months: number;
  totalFen: number;
  /** Rounded to the fen. */
  averageYuan: number;
  /** At least `shopMonths` months of data. */
  enoughData: boolean;
  /** Enough data and an average at or above the minimum. */
  meetsMinimum: boolean;
}

export const fen = (yuan: number): number => Math.round(yuan * 100);

export function salesAverage(months: readonly MonthlySale[], rule: SalesRule): SalesAverage {
  const totalFen = months.reduce((sum, m) => sum + fen(m.amountYuan), 0);
  const enoughData = months.length >= rule.shopMonths;
  return {
    months: months.length,
    totalFen,
    averageYuan: months.length ? Math.round(totalFen / months.length) / 100 : 0,
    enoughData,
    meetsMinimum: enoughData && totalFen >= fen(rule.minAverageMonthlySalesYuan) * months.length,
  };
}
