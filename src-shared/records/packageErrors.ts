// Every way a work package (*.qhpkg) can be refused, as a stable code and a zh-CN sentence that
// names the package and the offending entry. Codes are shared so the renderer can react to them
// (e.g. offer "choose the media folder" on a missing file) without parsing the message.
import { payloadTypeName } from '../wire/envelope';
import { visibleText } from './visibleText';

export const PACKAGE_ERROR_CODES = [
  'cannot-open',
  'corrupt-archive',
  'too-many-entries',
  'unsafe-path',
  'symlink',
  'encrypted-entry',
  'unsupported-compression',
  'duplicate-entry',
  'hidden-entries',
  'local-name-mismatch',
  'unicode-path-field',
  'local-header-mismatch',
  'data-descriptor-mismatch',
  'crc-mismatch',
  'name-encoding',
  'directory-entry',
  'entry-layout',
  'end-record',
  'zip64-misuse',
  'unsupported-flags',
  'file-too-large',
  'total-too-large',
  'compression-ratio',
  'unsigned',
  'envelope-too-large',
  'envelope-malformed',
  'envelope-wrong-type',
  'untrusted-signer',
  'bad-signature',
  'manifest-malformed',
  'unsupported-schema-version',
  'manifest-invalid',
  'duplicate-id',
  'unsafe-manifest-path',
  'duplicate-path',
  'unexpected-entry',
  'missing-file',
  'size-mismatch',
  'hash-mismatch',
  'corrupt-entry',
  'external-hash-mismatch',
  'destination-escape',
  'policy-pack-invalid',
  'io-error',
  'cancelled',
] as const;
export type PackageErrorCode = (typeof PACKAGE_ERROR_CODES)[number];

export interface PackageError {
  code: PackageErrorCode;
  /** zh-CN, names the package file and the entry or field at fault. */
  message: string;
  /** For support only (behind 详情): e.g. the full id of a key that is not trusted. */
  detail?: string;
}

// Names, fields and reasons come from the archive: every invisible character is spelled out.
const err = (code: PackageErrorCode, message: string, detail?: string): PackageError =>
  detail === undefined
    ? { code, message: visibleText(message) }
    : { code, message: visibleText(message), detail };
const q = (s: string) => `“${s}”`;

/** Message builders; `pkg` is the package's file name as the user chose it. */
export const packageErrors = {
  cannotOpen: (pkg: string) => err('cannot-open', `无法打开工作包 ${q(pkg)}：文件不存在或无权读取`),
  corruptArchive: (pkg: string) =>
    err(
      'corrupt-archive',
      `工作包 ${q(pkg)} 不是完整的 ZIP 文件（可能传输中断或已损坏），请重新获取`,
    ),
  /** Same code as a broken archive (nothing in it can be read), but says what the file is. */
  emptyFile: (pkg: string) =>
    err('corrupt-archive', `工作包 ${q(pkg)} 是空文件（0 字节），不是 ZIP 文件，请重新获取`),
  textFile: (pkg: string) =>
    err('corrupt-archive', `工作包 ${q(pkg)} 是文本文件，不是 ZIP 文件，请确认选择的文件`),
  tooManyEntries: (pkg: string, count: number, limit: number) =>
    err('too-many-entries', `工作包 ${q(pkg)} 含 ${count} 个条目，超过上限 ${limit} 个，已拒绝`),
  unsafePath: (pkg: string, entry: string, why: string) =>
    err('unsafe-path', `工作包 ${q(pkg)} 中的条目 ${q(entry)} 路径不安全（${why}），已拒绝`),
  symlink: (pkg: string, entry: string) =>
    err('symlink', `工作包 ${q(pkg)} 中的条目 ${q(entry)} 是符号链接或特殊文件，已拒绝`),
  encryptedEntry: (pkg: string, entry: string) =>
    err('encrypted-entry', `工作包 ${q(pkg)} 中的条目 ${q(entry)} 被加密，无法校验，已拒绝`),
  unsupportedCompression: (pkg: string, entry: string, method: number) =>
    err(
      'unsupported-compression',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 使用了不支持的压缩方式（${method}）`,
    ),
  duplicateEntry: (pkg: string, entry: string) =>
    err(
      'duplicate-entry',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 重复出现（名称相同或仅大小写不同），已拒绝`,
    ),
  // Three ways one archive can mean two things to two unzip tools.
  hiddenEntries: (pkg: string, declared: number) =>
    err(
      'hidden-entries',
      `工作包 ${q(pkg)} 的目录结尾记录写着 ${declared} 个条目，但中央目录里还有更多条目（其他解压工具能看到），已拒绝`,
    ),
  localNameMismatch: (pkg: string, entry: string, local: string) =>
    err(
      'local-name-mismatch',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 在本地文件头里名为 ${q(local)}，与中央目录不一致，已拒绝`,
    ),
  unicodePathField: (pkg: string, entry: string, renamed: string) =>
    err(
      'unicode-path-field',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 带有 Unicode 路径扩展字段，把名称改成了 ${q(renamed)}，已拒绝`,
    ),
  localHeaderMismatch: (
    pkg: string,
    entry: string,
    field: string,
    local: string,
    central: string,
  ) =>
    err(
      'local-header-mismatch',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 的本地文件头与中央目录不一致（${field}：本地 ${local}，中央目录 ${central}），已拒绝`,
    ),
  dataDescriptorMismatch: (pkg: string, entry: string) =>
    err(
      'data-descriptor-mismatch',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 的数据描述符缺失或与中央目录的 CRC-32、大小不一致，已拒绝`,
    ),
  crcMismatch: (pkg: string, entry: string) =>
    err(
      'crc-mismatch',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 解压后的 CRC-32 校验值与 ZIP 目录记录不符，文件已损坏`,
    ),
  nameEncoding: (pkg: string, entry: string, flagged: boolean) =>
    err(
      'name-encoding',
      flagged
        ? `工作包 ${q(pkg)} 中的条目名 ${q(entry)} 标明为 UTF-8，但不是有效的 UTF-8，已拒绝`
        : `工作包 ${q(pkg)} 中的条目名 ${q(entry)} 含非 ASCII 字符却没有设置 UTF-8 标志位（第 11 位），编码无法确定，已拒绝；请用 UTF-8 文件名重新打包`,
    ),
  directoryEntry: (pkg: string, entry: string) =>
    err(
      'directory-entry',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 是目录条目；本格式只允许普通文件条目，已拒绝`,
    ),
  entryLayout: (pkg: string, entry: string, how: 'overlap' | 'gap') =>
    err(
      'entry-layout',
      how === 'overlap'
        ? `工作包 ${q(pkg)} 中的条目 ${q(entry)} 与其他条目的数据重叠（疑似“重叠条目”压缩炸弹），已拒绝`
        : `工作包 ${q(pkg)} 中的条目 ${q(entry)} 前后有未被任何条目使用的字节（夹带数据），已拒绝`,
    ),
  endRecord: (pkg: string, why: string) =>
    err('end-record', `工作包 ${q(pkg)} 的目录结尾记录不合规（${why}），已拒绝`),
  zip64Misuse: (pkg: string, entry: string) =>
    err(
      'zip64-misuse',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 在大小和位置都不超过 4 GiB 时使用了 ZIP64 字段，已拒绝`,
    ),
  unsupportedFlags: (pkg: string, entry: string, flags: number) =>
    err(
      'unsupported-flags',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 设置了不支持的通用标志位（0x${flags.toString(16).padStart(4, '0')}），已拒绝`,
    ),
  fileTooLarge: (pkg: string, entry: string, size: number, limit: number) =>
    err(
      'file-too-large',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 解压后 ${size} 字节，超过单个文件上限 ${limit} 字节`,
    ),
  totalTooLarge: (pkg: string, limit: number) =>
    err('total-too-large', `工作包 ${q(pkg)} 解压后总大小超过上限 ${limit} 字节，已拒绝`),
  compressionRatio: (pkg: string, entry: string, ratio: number, limit: number) =>
    err(
      'compression-ratio',
      `工作包 ${q(pkg)} 中的条目 ${q(entry)} 压缩比约 ${Math.round(ratio)}:1，超过上限 ${limit}:1，疑似“压缩炸弹”，已拒绝`,
    ),
  archiveCompressionRatio: (pkg: string, ratio: number, limit: number) =>
    err(
      'compression-ratio',
      `工作包 ${q(pkg)} 整体压缩比约 ${Math.round(ratio)}:1，超过上限 ${limit}:1，疑似“压缩炸弹”，已拒绝`,
    ),
  unsigned: (pkg: string) =>
    err('unsigned', `工作包 ${q(pkg)} 没有签名文件 envelope.json，不是平台签发的工作包`),
  envelopeTooLarge: (pkg: string, size: number, limit: number) =>
    err(
      'envelope-too-large',
      `工作包 ${q(pkg)} 的签名文件 envelope.json 有 ${size} 字节，超过上限 ${limit} 字节`,
    ),
  envelopeMalformed: (pkg: string) =>
    err('envelope-malformed', `工作包 ${q(pkg)} 的签名文件 envelope.json 格式不正确`),
  envelopeWrongType: (pkg: string, actual: string) =>
    err('envelope-wrong-type', `文件 ${q(pkg)} 是${payloadTypeName(actual)}，不是工作包`),
  // What to do depends on who imports (demo, enrolled or not yet): the renderer says that.
  untrustedSigner: (pkg: string, keyid: string) =>
    err(
      'untrusted-signer',
      `工作包 ${q(pkg)} 不是由本用户信任的平台密钥签名的，已拒绝`,
      `未受信任的签名密钥指纹：${keyid}`,
    ),
  badSignature: (pkg: string) =>
    err('bad-signature', `工作包 ${q(pkg)} 的签名校验失败，清单可能被篡改，已拒绝`),
  manifestMalformed: (pkg: string) =>
    err('manifest-malformed', `工作包 ${q(pkg)} 的清单不是有效的 UTF-8 JSON`),
  unsupportedSchemaVersion: (pkg: string, found: string, supported: number | string) =>
    err(
      'unsupported-schema-version',
      `工作包 ${q(pkg)} 的清单格式版本是 ${found}，本工作站只支持版本 ${supported}，请升级工作站或向平台索取对应版本`,
    ),
  manifestInvalid: (pkg: string, field: string, problem: string) =>
    err('manifest-invalid', `工作包 ${q(pkg)} 的清单字段 ${q(field)} 不合格：${problem}`),
  duplicateId: (pkg: string, kind: string, id: string) =>
    err('duplicate-id', `工作包 ${q(pkg)} 的清单中${kind}编号 ${q(id)} 重复出现`),
  unsafeManifestPath: (pkg: string, path: string, why: string) =>
    err(
      'unsafe-manifest-path',
      `工作包 ${q(pkg)} 的清单列出的文件路径 ${q(path)} 不安全（${why}）`,
    ),
  duplicatePath: (pkg: string, path: string) =>
    err(
      'duplicate-path',
      `工作包 ${q(pkg)} 的清单中文件路径 ${q(path)} 重复（名称相同或仅大小写不同）`,
    ),
  unexpectedEntry: (pkg: string, entry: string) =>
    err('unexpected-entry', `工作包 ${q(pkg)} 中的条目 ${q(entry)} 不在签名清单内，已拒绝`),
  missingFile: (pkg: string, path: string) =>
    err('missing-file', `工作包 ${q(pkg)} 的清单列出了文件 ${q(path)}，但包内没有这个文件`),
  sizeMismatch: (pkg: string, path: string, expected: number, actual: number) =>
    err(
      'size-mismatch',
      `工作包 ${q(pkg)} 中的文件 ${q(path)} 大小为 ${actual} 字节，与清单的 ${expected} 字节不符`,
    ),
  hashMismatch: (pkg: string, path: string) =>
    err(
      'hash-mismatch',
      `工作包 ${q(pkg)} 中的文件 ${q(path)} 的 SHA-256 与签名清单不符，文件在签发后被改动过`,
    ),
  corruptEntry: (pkg: string, entry: string) =>
    err('corrupt-entry', `工作包 ${q(pkg)} 中的条目 ${q(entry)} 已损坏，无法解压`),
  externalHashMismatch: (pkg: string, path: string, found: string) =>
    err(
      'external-hash-mismatch',
      `工作包 ${q(pkg)} 的外部媒体文件 ${q(path)} 在 ${q(found)} 找到，但内容与签名清单不符（SHA-256 不同）`,
    ),
  destinationEscape: (pkg: string, path: string) =>
    err('destination-escape', `工作包 ${q(pkg)} 中的文件 ${q(path)} 会被写到目标目录之外，已拒绝`),
  policyPackInvalid: (pkg: string, path: string, why: string) =>
    err('policy-pack-invalid', `工作包 ${q(pkg)} 附带的政策包 ${q(path)} 无法使用：${why}`),
  ioError: (pkg: string, what: string) => err('io-error', `读写工作包 ${q(pkg)} 时出错：${what}`),
  cancelled: (pkg: string) => err('cancelled', `已取消导入工作包 ${q(pkg)}`),
};
