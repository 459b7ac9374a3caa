// npm run verify -- FILE [--trust KEYFILE]...
// Verifies a work package (.qhpkg), result bundle (.qhres), signed JSON (receipt, enrollment) or
// a certificate's QR code (its text `QHC1.…` given directly or in a file, or a PNG of the code)
// and prints why it is or is not valid. Exit 0 valid, 1 invalid, 2 unreadable or bad usage.
import { open, readFile } from 'node:fs/promises';
import { visibleText } from '../../src-shared/bundle/visibleText';
import { inspectFile } from '../services/bundles/inspect';
import {
  inspectCertificatePng,
  inspectCertificateText,
  isPng,
  looksLikeCertificateText,
  type CertificateReport,
} from '../services/certificates/inspectCertificate';
import { keysFromTrustFile } from '../services/keys/trustFile';

const USAGE = '用法：npm run verify -- 文件|证书二维码内容 [--trust 公钥文件]...';

export async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  const trustFiles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--trust') {
      const next = argv[++i];
      if (!next) {
        console.error(USAGE);
        return 2;
      }
      trustFiles.push(next);
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else files.push(a);
  }
  const [file] = files;
  if (!file || files.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const trusted = new Map<string, Uint8Array>();
  for (const t of trustFiles) {
    let text: string;
    try {
      text = await readFile(t, 'utf8');
    } catch {
      console.error(visibleText(`无法读取公钥文件 ${t}`));
      return 2;
    }
    const keys = keysFromTrustFile(text);
    if (!keys.ok) {
      console.error(visibleText(`${t}：${keys.message}`));
      return 2;
    }
    for (const [id, raw] of keys.keys) trusted.set(id, raw);
  }
  if (looksLikeCertificateText(file))
    return printCertificate('证书二维码内容', inspectCertificateText(file, trusted), trusted.size);
  // Only the first bytes decide what the file is: a package or bundle is then streamed by its
  // verifier, never read whole here.
  let head: Uint8Array;
  try {
    head = await readHead(file, 16);
  } catch {
    console.error(visibleText(`无法读取文件 ${file}`));
    return 2;
  }
  if (isPng(head))
    return printCertificate(
      file,
      inspectCertificatePng(new Uint8Array(await readFile(file)), trusted),
      trusted.size,
    );
  if (looksLikeCertificateText(new TextDecoder().decode(head)))
    return printCertificate(
      file,
      inspectCertificateText(await readFile(file, 'utf8'), trusted),
      trusted.size,
    );
  const report = await inspectFile(file, trusted);
  // A file name or an entry name may carry terminal escapes or bidi controls: spell them out.
  console.log(visibleText(`文件：${file}`));
  for (const line of report.lines) console.log(visibleText(`  ${line}`));
  if (report.verdict === 'invalid' && trusted.size === 0 && report.kind !== 'enrollment-request') {
    console.log('  提示：未用 --trust 指定受信任公钥，签名无法确认');
  }
  return report.verdict === 'valid' ? 0 : report.verdict === 'invalid' ? 1 : 2;
}

function printCertificate(source: string, report: CertificateReport, trustedCount: number): number {
  console.log(`文件：${source}`);
  for (const line of report.lines) console.log(`  ${line}`);
  if (report.verdict === 'invalid' && trustedCount === 0)
    console.log('  提示：未用 --trust 指定受信任的平台公钥，签名无法确认');
  return report.verdict === 'valid' ? 0 : report.verdict === 'invalid' ? 1 : 2;
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
