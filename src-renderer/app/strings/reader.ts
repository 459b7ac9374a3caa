// zh-CN strings of the reader: PDFs, images and sales sheets of a submission, shown beside the
// scoring form and in the chair's screen.
import type { ReaderFileErrorCode } from '../../../src-shared/reader/fileErrors';

export const readerStrings = {
  title: '阅读材料',
  loading: '正在打开文件…',
  cannotShow: '无法显示此文件',
  // The sentences name no path: the path in the package is the platform's filing, kept for
  // support behind 详情 (fileDetail) with the route's or pdf.js's own words.
  damagedPdf: '文件已损坏或不是 PDF，无法打开。',
  notPdfType: '文件不是 PDF，未显示。',
  noFiles: '此成果没有可阅读的文件。',
  notReadable: '这类文件无法在工作站内阅读。',
  fileDetail: (path: string) => `文件：${path}`,
  /** Why the files route refused, by its code (src-shared/reader/fileErrors.ts). */
  refused: {
    'bad-file-url': '本机没有这个文件：工作包可能未导入，或已被新版本替换。',
    'file-unknown': '本机没有这个文件：工作包可能未导入，或已被新版本替换。',
    'file-external': '这个文件不在工作包内（随硬盘单独交付），无法在此打开。',
    'file-missing': '找不到这个文件，请重新导入工作包。',
    'hash-mismatch': '文件已损坏或被改动：其 SHA-256 与签名清单不符，未显示。请重新导入工作包。',
    'not-a-pdf': '文件标为 PDF，但内容不是 PDF，未显示。',
    'wrong-file-type': '文件内容与清单中的类型不符，未显示。',
    'file-too-large': '文件太大，超过阅读器的上限，无法在此打开。',
    'io-error': '读取文件时出错，请重试。',
  } satisfies Record<ReaderFileErrorCode, string>,
  external: '随硬盘交付',
  pages: (n: number) => `共 ${n} 页`,
  page: '页码',
  goTo: '跳转',
  zoomIn: '放大',
  zoomOut: '缩小',
  fitWidth: '适合宽度',
  thumbnails: '缩略图',
  thumbnail: (n: number) => `第 ${n} 页`,
  find: '在文档中查找（Ctrl+F）',
  findPlaceholder: '查找…',
  findNext: '下一个',
  findPrevious: '上一个',
  findCount: (current: number, total: number) => `${current} / ${total}`,
  findNone: '未找到',
  cite: '引用此页',
  citeHint: '把当前页作为依据加到正在填写的意见中',
  image: {
    zoomIn: '放大',
    zoomOut: '缩小',
    fit: '适合窗口',
    actual: '原始大小',
  },
  sales: {
    title: '网店销售记录',
    month: '月份',
    amount: '销售额（元）',
    orders: '订单数',
    average: (months: number, amount: string) => `近 ${months} 个月月均销售额：${amount} 元`,
    averageShort: (months: number, have: number) =>
      `记录只有 ${have} 个月，不足 ${months} 个月，无法计算政策口径的月均销售额`,
    chart: '月销售额',
  },
  anchors: {
    label: '引用',
    page: (file: string, page: number) => `${file} 第 ${page} 页`,
    open: (page: number) => `打开第 ${page} 页`,
    remove: '移除引用',
  },
};
