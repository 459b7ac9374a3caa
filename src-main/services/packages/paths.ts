// One rule for every path that comes out of a package, whether a ZIP entry name or a path in
// the signed manifest: relative POSIX segments only, nothing an extractor on Windows, macOS or
// Linux could resolve outside its destination. Returns why a path is unsafe (zh-CN), or null.

// Windows refuses these in names, and ':' would open an NTFS alternate data stream.
const FORBIDDEN_CHARS = /[<>:"|?*]/;
const hasControlChar = (s: string) =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function unsafePathReason(path: string, { directory = false } = {}): string | null {
  if (path.length === 0) return '路径为空';
  if (path.length > 1024) return '路径过长';
  if (path.startsWith('/')) return '绝对路径';
  if (/^[A-Za-z]:/.test(path)) return '含盘符的绝对路径';
  if (path.includes('\\')) return '含反斜杠';
  if (FORBIDDEN_CHARS.test(path) || hasControlChar(path)) return '含控制字符或 Windows 禁用字符';
  const body = directory && path.endsWith('/') ? path.slice(0, -1) : path;
  for (const seg of body.split('/')) {
    if (seg === '..') return '含“..”，会越出解压目录';
    if (seg === '' || seg === '.') return '含空的或“.”路径段';
    if (WINDOWS_DEVICE.test(seg)) return '含 Windows 设备名';
    if (/[. ]$/.test(seg)) return '路径段以点或空格结尾';
  }
  return null;
}

/** Paths that would land on the same file on a case-insensitive file system collide. */
export function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
