// Counts as people read them (50,000 rather than 50000), one formatter for the whole catalog:
// building an Intl formatter per progress update cost more than the update.
const countFormat = new Intl.NumberFormat('zh-CN');

export const countText = (n: number): string => countFormat.format(n);
