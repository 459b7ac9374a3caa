// Every file the workstation suggests a name for is named here, so a clerk's downloads folder
// reads (and sorts) as 结果包_王建华_2025-11-03_第2号.qhres, never as a UUID. Dates are Beijing
// calendar days written YYYY-MM-DD: they sort as text and read without explanation.
//
// Files a demo profile writes also say so in their name, so a demo bundle or request lying in a
// downloads folder is never mistaken for real work (the demo's keys are public).
import { shanghaiDate } from '../../../src-shared/time';
import { isDemoProfile } from '../packages/profileKinds';

export const DEMO_FILE_PREFIX = '演示-';

/** What is being saved, with the facts its name is made of. `date` is an instant or YYYY-MM-DD. */
export type ExportFile =
  | { kind: 'result-bundle'; person: string; date: Date | string; sequence: number }
  | { kind: 'enrollment-request'; person: string; date: Date | string }
  | { kind: 'subsidy-sheet'; district: string; quarter: string }
  | { kind: 'panel-record'; panel: string; date: Date | string }
  | { kind: 'panel-results'; panel: string; date: Date | string }
  | { kind: 'audit-report'; className: string; date: Date | string }
  | { kind: 'certificates'; className: string; date: Date | string; count: number }
  | { kind: 'calibration-page'; program: string };

// Windows refuses these in a name (macOS refuses / and :), control characters confuse every
// shell, and bidi controls can make 'gpj.qhres' look like '.jpg'; each becomes a hyphen.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

// Half a surrogate pair is not text at all: file systems refuse or mangle it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One part of a name (a person, a panel, a class) is cut to this many UTF-8 bytes. */
export const MAX_PART_BYTES = 60;
/** Well under the 255 bytes (macOS) and 255 UTF-16 units (Windows) a file name may have. */
export const MAX_NAME_BYTES = 200;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

/** Cuts at whole characters (never inside a surrogate pair) so the bytes fit. */
function cutToBytes(s: string, max: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8Bytes(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A piece of text made safe to stand inside a file name on Windows and macOS: reserved and
 * invisible characters become '-', runs of white space one space, and no dot or space at either
 * end (Windows drops a trailing one silently). Empty text becomes `fallback`.
 */
export function safeNamePart(text: string, fallback = '未命名', maxBytes = MAX_PART_BYTES): string {
  const cleaned = text
    .replace(LONE_SURROGATE, '-')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(UNSAFE, '-');
  const trimEnds = (s: string) => s.replace(/^[\s.]+|[\s.]+$/gu, '');
  const part = trimEnds(cutToBytes(trimEnds(cleaned), maxBytes));
  return part === '' ? fallback : part;
}

function day(date: Date | string): string {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? '日期不详' : shanghaiDate(d);
}

/** '2025Q4' → '2025年第4季度' (sorts by year, then quarter); anything else is kept, made safe. */
function quarterLabel(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter.trim());
  return m ? `${m[1]}年第${m[2]}季度` : quarter;
}

function parts(file: ExportFile): { words: string[]; ext: string } {
  switch (file.kind) {
    case 'result-bundle':
      return {
        words: ['结果包', file.person, day(file.date), `第${file.sequence}号`],
        ext: '.qhres',
      };
    case 'enrollment-request':
      return { words: ['注册申请', file.person, day(file.date)], ext: '.json' };
    case 'subsidy-sheet':
      return {
        words: ['补贴申领表', file.district, quarterLabel(file.quarter)],
        ext: '.xlsx',
      };
    case 'panel-record':
      return { words: ['会审记录', file.panel, day(file.date)], ext: '.docx' };
    case 'panel-results':
      return { words: ['评审结果表', file.panel, day(file.date)], ext: '.xlsx' };
    case 'audit-report':
      return { words: ['抽查报告', file.className, day(file.date)], ext: '.docx' };
    case 'certificates':
      return {
        words: ['合格证书', file.className, day(file.date), `${file.count}张`],
        ext: '.pdf',
      };
    case 'calibration-page':
      return { words: ['校准页', file.program], ext: '.pdf' };
  }
}

/** The suggested file name: words joined by '_', each made safe, the whole within MAX_NAME_BYTES. */
export function exportFileName(file: ExportFile, demo = false): string {
  const { words, ext } = parts(file);
  const budget = MAX_NAME_BYTES - utf8Bytes(ext) - (demo ? utf8Bytes(DEMO_FILE_PREFIX) : 0);
  const stem = cutToBytes(words.map((w) => safeNamePart(w)).join('_'), budget);
  return markDemoName(`${stem}${ext}`, demo);
}

export function markDemoName(fileName: string, demo: boolean): string {
  return demo && !fileName.startsWith(DEMO_FILE_PREFIX) ? DEMO_FILE_PREFIX + fileName : fileName;
}

/** The name to suggest for a profile's export; main's own record of the profile decides 演示. */
export async function exportNameFor(
  keysDir: string,
  profileId: string,
  file: ExportFile,
): Promise<string> {
  return exportFileName(file, await isDemoProfile(keysDir, profileId));
}
