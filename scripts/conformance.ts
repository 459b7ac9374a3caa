// npm run conformance -- [--cmd "<verifier> {file} …"] [--suite DIR]
// Runs a verifier over every case of the conformance suite and prints where it agrees with the
// expected verdict (and code). Placeholders in --cmd: {file}, {platformKey}, {expertEnrollment},
// {chairEnrollment} (absolute paths). The verifier's exit status says the verdict: 0 valid,
// 1 refused, 2 unreadable. If it prints a JSON object with a "code" (as `npm run verify --
// --json` does), the code is compared too. Exit 0 when every case agrees, 1 otherwise.
// Without --cmd it runs our own verifier (src-main/cli/verify.ts --json).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConformanceCase, Verdict } from '../test/fixtures/conformance/suite';

const ROOT = path.join(__dirname, '..');
// node --import tsx rather than npx: one process per case, and npx alone costs seconds each.
const OWN = `${process.execPath} --import tsx src-main/cli/verify.ts {file} --trust {platformKey} --enrollment {expertEnrollment} --enrollment {chairEnrollment} --json`;

export interface CaseResult {
  case: ConformanceCase;
  exit: number | null;
  code: string | null;
  verdictAgrees: boolean;
  /** null when the verifier gave no code (exit status only). */
  codeAgrees: boolean | null;
}

const EXIT_OF: Record<Verdict, number> = { valid: 0, unsafe: 1, invalid: 1, unreadable: 2 };

/** Splits a command line on spaces, honouring "double" and 'single' quotes. */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function runOne(argv: string[]): Promise<{ exit: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.on('error', () => resolve({ exit: null, stdout }));
    child.on('close', (exit) => resolve({ exit, stdout }));
  });
}

function codeIn(stdout: string): string | null {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const parsed = JSON.parse(line) as { code?: unknown };
      if (parsed && typeof parsed === 'object' && 'code' in parsed)
        return typeof parsed.code === 'string' ? parsed.code : null;
    } catch {
      // not the JSON line
    }
  }
  return null;
}

export async function runSuite(
  suiteDir: string,
  command: string,
  only: (c: ConformanceCase) => boolean = () => true,
): Promise<CaseResult[]> {
  const manifest = JSON.parse(readFileSync(path.join(suiteDir, 'manifest.json'), 'utf8')) as {
    files: Record<string, string>;
    cases: ConformanceCase[];
  };
  const places: Record<string, string> = {};
  for (const [name, rel] of Object.entries(manifest.files)) places[name] = path.join(suiteDir, rel);
  const results: CaseResult[] = [];
  for (const c of manifest.cases.filter(only)) {
    const argv = words(command).map((w) =>
      w.replace(/\{(\w+)\}/g, (all, name: string) =>
        name === 'file' ? path.join(suiteDir, c.file) : (places[name] ?? all),
      ),
    );
    const { exit, stdout } = await runOne(argv);
    const hasJson = /"code"\s*:/.test(stdout);
    const code = hasJson ? codeIn(stdout) : null;
    results.push({
      case: c,
      exit,
      code,
      verdictAgrees: exit === EXIT_OF[c.verdict],
      codeAgrees: hasJson ? code === c.code : null,
    });
  }
  return results;
}

export function table(results: CaseResult[]): string {
  const rows = results.map((r) => {
    const ok = r.verdictAgrees && r.codeAgrees !== false;
    return [
      ok ? '一致' : '不一致',
      r.case.file,
      `${r.case.verdict}/${r.case.code ?? '-'}`,
      `exit ${r.exit ?? '?'}${r.codeAgrees === null ? '' : `/${r.code ?? '-'}`}`,
      r.case.description,
    ].join('\t');
  });
  const agree = results.filter((r) => r.verdictAgrees && r.codeAgrees !== false).length;
  return [
    ['结果', '文件', '期望（结论/代码）', '实际', '说明'].join('\t'),
    ...rows,
    `一致 ${agree}/${results.length}（${((100 * agree) / Math.max(results.length, 1)).toFixed(0)}%）`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let command = OWN;
  let suiteDir = path.join(ROOT, 'test/fixtures/conformance');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cmd' && argv[i + 1]) command = argv[++i]!;
    else if (argv[i] === '--suite' && argv[i + 1]) suiteDir = path.resolve(argv[++i]!);
    else {
      console.error('用法：npm run conformance -- [--cmd "校验程序 {file} …"] [--suite 目录]');
      return 2;
    }
  }
  const results = await runSuite(suiteDir, command);
  console.log(table(results));
  return results.every((r) => r.verdictAgrees && r.codeAgrees !== false) ? 0 : 1;
}

if (process.argv[1] !== undefined && /scripts[\\/]conformance\.[cm]?[jt]s$/.test(process.argv[1])) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
