// npm run verify -- FILE [--trust KEYFILE]... [--enrollment REQUEST.json]... [--package PKG.qhpkg]...
//                   [--accept-demo] [--json]
// Verifies a work package (.qhpkg), result bundle (.qhres), signed JSON (receipt, enrollment) or
// a certificate's QR code (its text `QHC1.…` given directly or in a file, or a PNG of the code)
// and prints why it is or is not valid. With --enrollment it answers for a bundle exactly as
// the intake does: signers bound to the profiles the requests enroll, demo bundles refused.
// With --package (work packages verified with the --trust keys) a bundle's panel decisions must
// carry their chair's signature, as the intake requires; each signer is reported with its role.
// Exit 0 valid, 1 unsafe or invalid, 2 unreadable or bad usage (docs/formats.md §8).
import { open, readFile } from 'node:fs/promises';
import { visibleText } from '../../src-shared/records/visibleText';
import { inspectFile, type InspectReport, type IntakeView } from '../services/bundles/inspect';
import {
  inspectCertificatePng,
  inspectCertificateText,
  isPng,
  looksLikeCertificateText,
  type CertificateReport,
} from '../services/certificates/inspectCertificate';
import { openEnrollmentRequest } from '../services/keys/enrollmentRequest';
import { keysFromTrustFile } from '../services/keys/trustFile';
import { openWorkPackage } from '../services/packages';
import { chairRegistryOf } from '../services/panel/chairRegistry';

const USAGE =
  '用法：npm run verify -- 文件|证书二维码内容 [--trust 公钥文件]... [--enrollment 注册申请.json]... [--package 工作包.qhpkg]... [--accept-demo] [--json]';

export const EXIT = { valid: 0, refused: 1, unreadable: 2, usage: 2 } as const;

/** The machine answer (--json): one object on one line. */
export interface VerifyJson {
  file: string;
  kind: string;
  verdict: 'valid' | 'unsafe' | 'invalid' | 'unreadable';
  code: string | null;
  message: string | null;
  ids: Record<string, string | number | string[]>;
}

interface Args {
  file: string;
  trustFiles: string[];
  enrollmentFiles: string[];
  packageFiles: string[];
  acceptDemo: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args | 'help' | null {
  const files: string[] = [];
  const args = {
    trustFiles: [] as string[],
    enrollmentFiles: [] as string[],
    packageFiles: [] as string[],
  };
  let acceptDemo = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--trust' || a === '--enrollment' || a === '--package') {
      const next = argv[++i];
      if (!next) return null;
      const list = { '--trust': args.trustFiles, '--enrollment': args.enrollmentFiles };
      (a === '--package' ? args.packageFiles : list[a]).push(next);
    } else if (a === '--json') json = true;
    else if (a === '--accept-demo') acceptDemo = true;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a.startsWith('--')) return null;
    else files.push(a);
  }
  if (files.length !== 1) return null;
  return { file: files[0]!, ...args, acceptDemo, json };
}

/** Keys and profile bindings from the key files; a message on the first file that is unusable. */
async function loadKeys(args: Args) {
  const trusted = new Map<string, Uint8Array>();
  const byProfile = new Map<string, string[]>();
  for (const t of args.trustFiles) {
    const text = await readFile(t, 'utf8').catch(() => null);
    if (text === null) return { error: `无法读取公钥文件 ${t}` };
    const keys = keysFromTrustFile(text);
    if (!keys.ok) return { error: `${t}：${keys.message}` };
    for (const [id, raw] of keys.keys) trusted.set(id, raw);
  }
  for (const e of args.enrollmentFiles) {
    const bytes = await readFile(e).catch(() => null);
    if (bytes === null) return { error: `无法读取注册申请 ${e}` };
    const opened = openEnrollmentRequest(new Uint8Array(bytes));
    if (!opened.ok) return { error: `${e}：${opened.message}` };
    const { profileId, keyid } = opened.request;
    trusted.set(keyid, opened.publicKeyRaw);
    byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), keyid]);
  }
  const intake: IntakeView | undefined =
    args.enrollmentFiles.length > 0
      ? { profileKeyIds: (id) => byProfile.get(id) ?? [], acceptDemo: args.acceptDemo }
      : undefined;
  const manifests = [];
  for (const p of args.packageFiles) {
    // Verified like any package: the panels and chairs' keys count only from a genuine one.
    const opened = await openWorkPackage(p, { trustedKeys: new Map(trusted) });
    if (!opened.ok) return { error: `${p}：${opened.message}` };
    manifests.push(opened.manifest);
  }
  const panels = manifests.length > 0 ? chairRegistryOf(manifests) : undefined;
  for (const [id, raw] of panels?.keys ?? []) trusted.set(id, raw);
  return { trusted, intake, panels };
}

function exitOf(verdict: 'valid' | 'invalid' | 'unreadable'): number {
  return verdict === 'valid' ? EXIT.valid : verdict === 'invalid' ? EXIT.refused : EXIT.unreadable;
}

function printJson(answer: VerifyJson): void {
  // JSON escapes control characters itself; bidi controls and other invisibles it leaves raw.
  console.log(
    JSON.stringify({
      ...answer,
      file: visibleText(answer.file),
      message: answer.message === null ? null : visibleText(answer.message),
    }),
  );
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return EXIT.valid;
  }
  if (!args) {
    console.error(USAGE);
    return EXIT.usage;
  }
  const keys = await loadKeys(args);
  if ('error' in keys) {
    console.error(visibleText(keys.error ?? ''));
    return EXIT.usage;
  }
  const { trusted, intake, panels } = keys;
  const { file } = args;
  const certificate = (source: string, report: CertificateReport) =>
    args.json ? certificateJson(source, report) : printCertificate(source, report, trusted.size);
  if (looksLikeCertificateText(file))
    return certificate('证书二维码内容', inspectCertificateText(file, trusted));
  // Only the first bytes decide what the file is: a package or bundle is then streamed by its
  // verifier, never read whole here.
  let head: Uint8Array;
  try {
    head = await readHead(file, 16);
  } catch {
    const message = `无法读取文件 ${file}`;
    if (args.json)
      printJson({
        file,
        kind: 'unknown',
        verdict: 'unreadable',
        code: 'cannot-open',
        message,
        ids: {},
      });
    else console.error(visibleText(message));
    return EXIT.unreadable;
  }
  if (isPng(head))
    return certificate(file, inspectCertificatePng(new Uint8Array(await readFile(file)), trusted));
  if (looksLikeCertificateText(new TextDecoder().decode(head)))
    return certificate(file, inspectCertificateText(await readFile(file, 'utf8'), trusted));
  const report = await inspectFile(file, trusted, intake, panels);
  if (args.json) printJson(reportJson(file, report));
  else printReport(file, report, trusted.size);
  return exitOf(report.verdict);
}

export function reportJson(file: string, report: InspectReport): VerifyJson {
  return {
    file,
    kind: report.kind,
    verdict: report.verdict === 'valid' ? 'valid' : (report.refusal ?? report.verdict),
    code: report.code ?? null,
    message: report.message ?? null,
    ids: report.ids ?? {},
  };
}

function printReport(file: string, report: InspectReport, trustedCount: number): void {
  // A file name or an entry name may carry terminal escapes or bidi controls: spell them out.
  console.log(visibleText(`文件：${file}`));
  for (const line of report.lines) console.log(visibleText(`  ${line}`));
  if (report.verdict === 'invalid' && trustedCount === 0 && report.kind !== 'enrollment-request') {
    console.log('  提示：未用 --trust 或 --enrollment 指定受信任公钥，签名无法确认');
  }
}

function certificateJson(source: string, report: CertificateReport): number {
  const last = report.lines.at(-1) ?? null;
  printJson({
    file: source,
    kind: 'certificate',
    verdict: report.verdict,
    code: report.verdict === 'valid' ? null : `certificate-${report.verdict}`,
    message: report.verdict === 'valid' ? null : last,
    ids: {},
  });
  return exitOf(report.verdict);
}

function printCertificate(source: string, report: CertificateReport, trustedCount: number): number {
  console.log(`文件：${source}`);
  for (const line of report.lines) console.log(`  ${line}`);
  if (report.verdict === 'invalid' && trustedCount === 0)
    console.log('  提示：未用 --trust 指定受信任的平台公钥，签名无法确认');
  return exitOf(report.verdict);
}

if (process.argv[1] !== undefined && /cli[\\/]verify\.[cm]?[jt]s$/.test(process.argv[1])) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}

/** The first `n` bytes of a file (fewer when it is shorter). */
async function readHead(file: string, n: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
