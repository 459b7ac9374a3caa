// Names for controls that show only an icon (×, arrows, the eye on a passphrase field): a
// screen reader reads these, and the axe e2e spec fails on a button without a name.
export const controlStrings = {
  close: '关闭',
  pageFirst: '第一页',
  pagePrevious: '上一页',
  pageNext: '下一页',
  pageLast: '最后一页',
  showPassphrase: '显示或隐藏口令',
  mainNav: '主导航',
} as const;

/** How record text (names, titles, file names from a package) marks what a reader cannot see. */
export const recordTextStrings = {
  hiddenHint: (code: string) =>
    `此处有一个看不见的字符 ${code}（控制字符或文字方向控制符），原文如此，本机如实标出`,
} as const;
