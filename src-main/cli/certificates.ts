// npm run certificates -- PACKAGE --class ID [--out FILE.pdf] [options]
// The certificate batch for scripted stations: the same eligibility, record checks, glyph
// preflight and print log as the screen. Exit 0 when a PDF was written (some certificates may
// have been held back, each named); 1 when nothing could be printed; 2 on bad input. Nothing
// is written unless a batch succeeds.
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { certificateCandidates } from '../../src-shared/certificates/eligibility';
import { planPrint } from '../../src-shared/certificates/printLog';
import { calibrationSchema, type Calibration } from '../../src-shared/certificates/template';
import { packsWithShipped } from '../../src-shared/policy/pack-jrsnf-2023-25';
import { shanghaiDate } from '../../src-shared/time';
import { makeBatch } from '../services/certificates/batch';
import { appendPrintLog, readPrintLog } from '../services/certificates/printLogFile';
import { loadTemplates } from '../services/certificates/templates';
import { loadFont } from '../services/documents/cjkFont';
import { writeFileAtomic } from '../common/atomicFile';
import { keysFromTrustFile } from '../services/keys/trustFile';
import { openWorkPackage } from '../services/packages/open';
import { readDemoKey } from '../services/packages/trust';
import { exportFileName } from '../services/profiles/exportName';

const REPO = path.resolve(__dirname, '..', '..');
const RESOURCES = path.join(REPO, 'resources');
const DEMO_KEY = path.join(RESOURCES, 'demo', 'demo-platform-key.pub.b64');

const HELP = `用法：npm run certificates -- 工作包.qhpkg --class 班级编号 [--out 证书.pdf] [选项]
  --out 文件           输出的 PDF（默认当前目录下 合格证书_<班级名>_<日期>_<张数>张.pdf）
  --trust 公钥文件     受信任的平台公钥（可多次）；不指定时只信任随附的演示平台公钥
  --trainee 学员编号   只打印这些学员（可多次；默认全班可打印者）
  --offset dx,dy       本站校准偏移，毫米，如 1.5,-0.8
  --copies N           份数（默认 1）
  --reason 原因        重印（编号已打印过）时必填
  --operator 姓名      操作员（记入打印记录，默认 headless）
  --log 文件           打印记录（默认输出目录下 certificates-print-log.jsonl）
  --as-of YYYY-MM-DD   评估日（默认今天，北京时间）
退出码：0 已生成 PDF；1 没有可打印的证书；2 输入有误（不写任何文件）。`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

function parseOffset(text: string | undefined): Calibration | string {
  if (text === undefined) return { dxMm: 0, dyMm: 0 };
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(text.trim());
  const parsed = m && calibrationSchema.safeParse({ dxMm: Number(m[1]), dyMm: Number(m[2]) });
  if (!parsed || !parsed.success)
    return `--offset 须写作 dx,dy（毫米，各在 -20 到 20 之间），收到“${text}”`;
  return parsed.data;
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        class: { type: 'string' },
        out: { type: 'string' },
        trust: { type: 'string', multiple: true },
        trainee: { type: 'string', multiple: true },
        offset: { type: 'string' },
        copies: { type: 'string' },
        reason: { type: 'string' },
        operator: { type: 'string' },
        log: { type: 'string' },
        'as-of': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`参数有误：${(e as Error).message}\n${HELP}`);
    return 2;
  }
  const o = args.values;
  if (o.help) {
    io.out(HELP);
    return 0;
  }
  const bad = (message: string) => (io.err(`错误：${message}`), 2);
  const [pkgPath, ...extra] = args.positionals;
  if (!pkgPath || extra.length > 0) return bad(`须给出且只给出一个工作包文件\n${HELP}`);
  if (!o.class) return bad('缺少 --class 班级编号');
  if (o.out !== undefined && !o.out.toLowerCase().endsWith('.pdf'))
    return bad(`输出文件 ${o.out} 须以 .pdf 结尾`);
  const offset = parseOffset(o.offset);
  if (typeof offset === 'string') return bad(offset);
  const copies = o.copies === undefined ? 1 : Number(o.copies);
  if (!Number.isInteger(copies) || copies < 1 || copies > 10)
    return bad(`--copies 须为 1 到 10 的整数，收到“${o.copies}”`);
  const asOf = o['as-of'] ?? shanghaiDate(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return bad(`--as-of 须为 YYYY-MM-DD，收到“${asOf}”`);

  const trusted = new Map<string, Uint8Array>();
  const trustFiles = o.trust ?? [DEMO_KEY];
  if (!o.trust) io.out('未指定 --trust：只信任随附的演示平台公钥（演示数据）');
  for (const t of trustFiles) {
    let text: string;
    try {
      text = await readFile(t, 'utf8');
    } catch {
      return bad(`无法读取公钥文件 ${t}`);
    }
    const keys = keysFromTrustFile(text);
    if (!keys.ok) return bad(`公钥文件 ${t}：${keys.message}`);
    for (const [id, raw] of keys.keys) trusted.set(id, raw);
  }

  const opened = await openWorkPackage(pkgPath, { trustedKeys: trusted });
  if (!opened.ok) return bad(`${opened.message}（${opened.code}）`);
  const records = opened.manifest.records;
  const cls = records.classes.find((c) => c.id === o.class);
  if (!cls) return bad(`工作包 ${path.basename(pkgPath)} 中没有班级 ${o.class}`);
  const packs = packsWithShipped(opened.policyPacks);
  const classCerts = certificateCandidates(records, {
    asOf,
    packs,
    files: opened.manifest.files,
  }).find((c) => c.classId === cls.id)!;
  let chosen = classCerts.candidates;
  if (o.trainee) {
    const unknown = o.trainee.find((id) => !chosen.some((c) => c.traineeId === id));
    if (unknown) return bad(`班级 ${cls.id} 中没有学员 ${unknown}`);
    chosen = chosen.filter((c) => o.trainee!.includes(c.traineeId));
  }

  const templates = await loadTemplates(RESOURCES);
  if (!templates.ok) return bad(templates.message);
  const font = await loadFont('noto-serif-sc');
  // The demo platform key is public: anything it could have signed is printed as 演示.
  const demoKey = await readDemoKey(RESOURCES);
  const demo = demoKey.ok && [...demoKey.keys.keys()].some((id) => trusted.has(id));
  const batch = await makeBatch({
    demo,
    candidates: chosen.filter((c) => c.printable),
    templates: templates.file,
    fonts: [font],
    trusted,
    calibration: offset,
    packs,
  });
  for (const c of chosen.filter((c) => !c.printable))
    io.out(`不打印 ${c.name}（${c.traineeId}）：${c.reason}`);
  for (const h of batch.held) io.out(`暂不打印：${h.message}`);
  if (!batch.pdf) {
    io.err(`班级 ${cls.id}（${cls.name}）没有可打印的证书，未写入任何文件`);
    return 1;
  }
  const numbers = batch.pages.map((p) => p.number!);
  const target = path.resolve(
    o.out ??
      exportFileName(
        { kind: 'certificates', className: cls.name, date: new Date(), count: numbers.length },
        demo,
      ),
  );
  const logFile = o.log ?? path.join(path.dirname(target), 'certificates-print-log.jsonl');
  const log = await readPrintLog(logFile);
  if (!log.ok) return bad(log.message);
  const planned = planPrint(log.entries, {
    batchId: `b${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`,
    actor: { profileId: 'headless', name: o.operator ?? 'headless' },
    at: new Date().toISOString(),
    classId: cls.id,
    numbers,
    copies,
    destination: { kind: 'file', name: target },
    ...(o.reason ? { reason: o.reason } : {}),
  });
  if (!planned.ok) return bad(planned.message);
  try {
    await writeFileAtomic(target, batch.pdf, 0o644);
  } catch (e) {
    io.err(`无法写入 ${target}：${(e as Error).message}`);
    return 2;
  }
  try {
    await appendPrintLog(logFile, planned.entry);
  } catch (e) {
    // A batch that is not logged must not exist: take the PDF back.
    await rm(target, { force: true });
    io.err(`无法写入打印记录 ${logFile}：${(e as Error).message}；已删除 ${target}`);
    return 2;
  }
  io.out(
    `已生成 ${target}：${numbers.length} 张（${planned.entry.action === 'reprint' ? '重印' : '首次打印'}），编号 ${numbers.join('、')}`,
  );
  io.out(`打印记录已追加到 ${logFile}`);
  return 0;
}

if (process.argv[1] !== undefined && /cli[\\/]certificates\.[cm]?[jt]s$/.test(process.argv[1])) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
