// Counts as people read them (50,000 rather than 50000), one formatter for the whole catalog:
// building an Intl formatter per progress update cost more than the update. It is built on first
// use, not when the catalog loads: the first Intl object of a window loads the locale's ICU data
// (~45 ms in a fresh renderer here), and the first screen shows no count.
let countFormat: Intl.NumberFormat | undefined;

export const countText = (n: number): string =>
  (countFormat ??= new Intl.NumberFormat('zh-CN')).format(n);
