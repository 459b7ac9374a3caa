// `npm run policy -- check FILE [--format json|table] [--inputs FILE] [--as-of YYYY-MM-DD]`
// `npm run policy -- sheet FILE --quarter 2025Q4 [--out FILE.xlsx] [--district 区] [--request-date D]`
// Exit 0 whenever the check ran (whatever it found); 2 when the input cannot be read or is invalid;
// 1 only for an unexpected internal error.
import { parseArgs } from 'node:util';
import { evaluatePackage, type PackageEvaluation } from '../../src-shared/policy/engine';
import { OUTCOME_SOURCE_ZH, type Finding } from '../../src-shared/policy/findings';
import { packsWithShipped } from '../../src-shared/policy/pack-jrsnf-2023-25';
import { buildQuarterSheet } from '../../src-shared/policy/quarterSheet';
import { PROGRAM_NAMES } from '../../src-shared/policy/programs';
import { isCalendarDate } from '../../src-shared/time';
import {
  loadCheckInput,
  loadInputsFile,
  type PolicyError,
} from '../services/policy/loadCheckInput';
import { writeSubsidySheet } from '../services/policy/subsidySheet';
import { exportFileName } from '../services/profiles/exportName';

const HELP = `用法：
  npm run policy -- check 文件 [--format json|table] [--inputs 核查输入.json] [--as-of YYYY-MM-DD]
  npm run policy -- sheet 文件 --quarter 2025Q4 [--out 补贴表.xlsx] [--district 朝阳区] [--request-date YYYY-MM-DD]
    （不给 --out 时写到当前目录下的 补贴申领表_<区>_<季度>.xlsx）

文件可以是：
  *.qhpkg   工作包（ZIP，envelope.json 内为 DSSE 信封，payload 为清单 JSON）。
            注意：本命令只读取清单，不验证平台签名；导入工作站的工作包另行验签。
  *.json    班级文件 { "records": {...}, "inputs"?: {...}, "files"?: [...], "packs"?: [...] }，
            格式见 docs/policy.md。
--inputs    核查输入（成果评审结果、直播抽查分钟数、现场视频核查、清退情形等），
            未提供的项目显示为「待核查」，不会当作通过。
--as-of     评估日（默认今天，北京时间），决定如营业执照是否已满 6 个月。
--format    json（默认）或 table（便于阅读的表格）。
退出码：0 = 检查已运行（无论发现什么问题）；2 = 输入无法读取或不合规。`;

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Thrown by die: main turns it into exit 2 after writing the message (no process.exit inside). */
class Refusal {
  constructor(readonly error: PolicyError) {}
}

function die(error: PolicyError): never {
  throw new Refusal(error);
}

const SEVERITY_ZH: Record<Finding['severity'], string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};
const STATUS_ZH: Record<Finding['status'], string> = {
  pass: '通过',
  fail: '不符',
  pending: '待核查',
  'not-applicable': '不适用',
};
const TRAINEE_ZH = {
  eligible: '可申领',
  pending: '待核查',
  ineligible: '不可申领',
  'not-applicable': '不适用',
} as const;

function line(f: Finding): string {
  return `    [${SEVERITY_ZH[f.severity]}/${STATUS_ZH[f.status]}] ${f.title}（${f.clause}，${f.ruleId}）${f.message} —— ${f.facts}`;
}

function renderTable(e: PackageEvaluation): string {
  const out: string[] = [`评估日 ${e.asOf}`];
  for (const c of e.classes) {
    const t = c.totals;
    out.push(
      '',
      `班级 ${c.classId}「${c.className}」 ${PROGRAM_NAMES[c.program]} ${c.startDate}~${c.endDate} 政策包 ${c.packId}${c.packInForce ? '' : '（参考）'}`,
    );
    if (c.neededPack)
      out.push(`  不适用：${c.neededPack}。以下按 ${c.packId} 预览，仅供参考，不计入任何申领`);
    out.push(
      `  课时 ${c.hours.filed}${c.hours.counted !== c.hours.filed ? `，计入 ${c.hours.counted}` : ''}（录播 ${c.hours.recorded} / 直播 ${c.hours.live} / 线下 ${c.hours.offline}）；学员 ${t.trainees}：可申领 ${t.eligible}，待核查 ${t.pending}，不可申领 ${t.ineligible}${t.notApplicable ? `，不适用 ${t.notApplicable}` : ''}；可申领 ${t.totalYuan} 元（培训 ${t.trainingYuan}，实践指导 ${t.practiceYuan}），待定合计 ${t.potentialYuan} 元`,
    );
    for (const f of Object.values(c.findings).flat())
      if (f.status !== 'pass' && f.status !== 'not-applicable') out.push(line(f));
    for (const tr of c.trainees) {
      if (tr.status === 'eligible' && tr.reasons.every((f) => f.severity === 'info')) continue;
      const why = tr.reasons.filter(
        (f) => f.severity !== 'info' || f.status === 'pending' || f.status === 'fail',
      );
      const outcome = tr.outcomeConflict
        ? '；成果结论冲突'
        : tr.outcomeSource
          ? `；成果依据${OUTCOME_SOURCE_ZH[tr.outcomeSource]}`
          : '';
      const ref = tr.referenceYuan !== undefined ? `；参考 ${tr.referenceYuan} 元（不可申领）` : '';
      out.push(
        `  学员 ${tr.traineeId} ${tr.name}：${TRAINEE_ZH[tr.status]}${tr.blockedBy.length ? `（班级问题：${tr.blockedBy.join('、')}）` : ''}${outcome}${ref}`,
      );
      for (const f of why) out.push(`  ${line(f)}`);
    }
  }
  out.push('', '培训组织方合计：');
  for (const o of e.organizers) {
    out.push(
      `  ${o.organizerId} ${o.name}：班级 ${o.classIds.length}，学员 ${o.totals.trainees}，可申领 ${o.totals.totalYuan} 元，待定合计 ${o.totals.potentialYuan} 元`,
    );
    for (const f of o.findings) if (f.status === 'fail' || f.severity !== 'info') out.push(line(f));
  }
  out.push(
    '',
    `合计：可申领 ${e.totals.totalYuan} 元（培训 ${e.totals.trainingYuan}，实践指导 ${e.totals.practiceYuan}）；错误 ${e.totals.errors}，警告 ${e.totals.warnings}，待核查 ${e.totals.pendingChecks}`,
  );
  return out.join('\n');
}

/** The command; exit code 0, 2 or 1 as the header says. Tests call it in-process. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    await command(argv, io);
    return 0;
  } catch (e) {
    if (e instanceof Refusal) {
      io.err(`错误（${e.error.code}）：${e.error.message}\n`);
      return 2;
    }
    // A bug, not bad input: exit 1 so scripts can tell the two apart.
    io.err(`错误（policy/internal）：检查时出现意外错误：${(e as Error).message}\n`);
    return 1;
  }
}

async function command(argv: string[], io: Io): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'json' },
        inputs: { type: 'string' },
        'as-of': { type: 'string' },
        quarter: { type: 'string' },
        out: { type: 'string' },
        district: { type: 'string' },
        'request-date': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    die({ code: 'policy/args', message: `参数有误：${(e as Error).message}\n${HELP}` });
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  if (values.help || !command) {
    io.out(`${HELP}\n`);
    return;
  }
  if (command !== 'check' && command !== 'sheet')
    die({ code: 'policy/args', message: `未知命令「${command}」，应为 check 或 sheet\n${HELP}` });
  if (!file) die({ code: 'policy/args', message: `缺少要检查的文件\n${HELP}` });
  if (values.format !== 'json' && values.format !== 'table')
    die({
      code: 'policy/args',
      message: `--format 只能是 json 或 table，收到「${values.format}」`,
    });
  const asOf = values['as-of'] ?? todayInShanghai();
  if (!isCalendarDate(asOf))
    die({ code: 'policy/args', message: `--as-of 须为实际存在的日期 YYYY-MM-DD，收到「${asOf}」` });

  const loaded = await loadCheckInput(file);
  if (!loaded.ok) die(loaded.error);
  let inputs = loaded.value.inputs;
  if (values.inputs) {
    const i = await loadInputsFile(values.inputs);
    if (!i.ok) die(i.error);
    inputs = i.value;
  }
  const { records, files } = loaded.value;
  // A pack shipped in the package joins the built-in ones (same id: the shipped one wins).
  const packs = packsWithShipped(loaded.value.packs);
  const evaluation = evaluatePackage(records, { asOf, inputs, files, packs });

  if (command === 'sheet') {
    if (!values.quarter) die({ code: 'policy/args', message: 'sheet 需要 --quarter（如 2025Q4）' });
    // A fund request is one district's; a package may span several (the demo does).
    const districts = [...new Set(records.classes.map((c) => c.district))].sort();
    const wanted = values.district ?? loaded.value.district;
    let district: string;
    if (wanted !== undefined && districts.includes(wanted)) district = wanted;
    else if (!values.district && districts.length === 1) district = districts[0]!;
    else
      die({
        code: 'policy/args',
        message: values.district
          ? `--district「${values.district}」在 ${file} 中没有培训班；可选：${districts.join('、')}`
          : `${file} 含多个区的培训班（${districts.join('、')}），请用 --district 指定其中一个`,
      });
    const sheet = buildQuarterSheet(evaluation, {
      quarter: values.quarter,
      district,
      requestDate: values['request-date'],
      packs,
    });
    if (!sheet.ok) die(sheet.error);
    const out =
      values.out ??
      exportFileName({ kind: 'subsidy-sheet', district, quarter: sheet.sheet.quarter });
    const written = await writeSubsidySheet(sheet.sheet, out);
    if (!written.ok) die(written.error);
    const s = sheet.sheet;
    io.out(
      `已写入 ${out}：${s.quarterZh} ${s.district}，可申领 ${s.totals.claimableRows} 人次 ${s.totals.claimableYuan} 元，暂不申领 ${s.totals.unclaimableRows} 人次；报送截止 ${s.deadline}\n`,
    );
    if (s.notApplicable.length) {
      io.out(`不适用 ${s.notApplicable.length} 个班级（开班日无有效政策包，未列入申领）：\n`);
      for (const c of s.notApplicable)
        io.out(`  ${c.classId}「${c.className}」：${c.neededPack}\n`);
    }
    return;
  }
  if (values.format === 'table') io.out(`${renderTable(evaluation)}\n`);
  else
    io.out(
      `${JSON.stringify({ file, kind: loaded.value.kind, packs: packs.map((p) => p.id), evaluation }, null, 2)}\n`,
    );
}

if (process.argv[1] !== undefined && /cli[\\/]policy\.[cm]?[jt]s$/.test(process.argv[1])) {
  // exitCode, not exit(): a large JSON answer to a pipe is written out before the process ends.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
