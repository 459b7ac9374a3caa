// Why a submission file could not be shown, as a stable code, the HTTP status the app:// route
// answers with, and a zh-CN sentence naming the file. The route sends it as the JSON body of its
// refusal so the viewer shows the reason instead of an empty pane.
import { visibleText } from '../records/visibleText';

export const READER_FILE_ERROR_CODES = [
  'bad-file-url',
  'file-unknown',
  'file-external',
  'file-missing',
  'hash-mismatch',
  'not-a-pdf',
  'wrong-file-type',
  'file-too-large',
  'io-error',
] as const;
export type ReaderFileErrorCode = (typeof READER_FILE_ERROR_CODES)[number];

export interface ReaderFileError {
  code: ReaderFileErrorCode;
  status: number;
  /** zh-CN; names the file (its path in the package) where one is known. */
  message: string;
}

const q = (s: string) => `“${visibleText(s)}”`;
const err = (code: ReaderFileErrorCode, status: number, message: string): ReaderFileError => ({
  code,
  status,
  message,
});

export const readerFileErrors = {
  badUrl: () => err('bad-file-url', 400, '文件地址无效：应为 /files/<工作包编号>/<SHA-256>'),
  unknown: (packageId: string, sha256: string) =>
    err(
      'file-unknown',
      404,
      `工作包${q(packageId)}中没有 SHA-256 为 ${sha256.slice(0, 12)}… 的文件（工作包可能未在本机导入，或已被新版本替换）`,
    ),
  external: (path: string) =>
    err('file-external', 404, `文件${q(path)}不在工作包内（单独随硬盘交付），无法在此打开`),
  missing: (path: string, why: string) =>
    err('file-missing', 404, `找不到文件${q(path)}：${visibleText(why)}`),
  hashMismatch: (path: string) =>
    err(
      'hash-mismatch',
      409,
      `文件${q(path)}已损坏或被改动：其 SHA-256 与签名清单不符，未显示。请重新导入工作包`,
    ),
  notPdf: (path: string) =>
    err('not-a-pdf', 415, `文件${q(path)}标为 PDF，但内容不是 PDF（文件头不是 %PDF-），未显示`),
  wrongType: (path: string, declared: string) =>
    err(
      'wrong-file-type',
      415,
      `文件${q(path)}的内容与清单中的类型 ${visibleText(declared)} 不符，未显示`,
    ),
  tooLarge: (path: string, size: number, max: number) =>
    err(
      'file-too-large',
      413,
      `文件${q(path)}有 ${size} 字节，超过阅读器上限 ${max} 字节，无法在此打开`,
    ),
  io: (path: string, why: string) =>
    err('io-error', 500, `读取文件${q(path)}时出错：${visibleText(why)}`),
};

/**
 * Reads the route's refusal body. A body without a known code (a proxy's page, an empty answer)
 * becomes io-error: the person reads the io-error sentence of the catalog, and the status travels
 * in `status` for 详情, so the message here is only the technical note beside it.
 */
export function parseReaderFileError(status: number, body: unknown): ReaderFileError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const code = READER_FILE_ERROR_CODES.find((c) => c === b.code);
  if (code && typeof b.message === 'string') return { code, status, message: b.message };
  return err('io-error', status, '文件路由的回答中没有可识别的原因');
}
