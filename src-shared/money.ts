// Amounts are whole 元 with at most two decimals (分), grouped the Chinese way: 12,000 元.
const yuanFmt = new Intl.NumberFormat('zh-CN', {
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});

export function formatYuan(amount: number): string {
  return `${yuanFmt.format(amount)} 元`;
}
