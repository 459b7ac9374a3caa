import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/certificates';

const DEMO = path.resolve(__dirname, '../../../resources/demo/demo.qhpkg');
const CLASS = 'C-2024-HD-O03';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fresh = () => mkdtempSync(path.join(tmpdir(), 'qh-cert-cli-'));

describe('npm run certificates (headless batch)', () => {
  it.each([
    [['--class', CLASS, '--out', 'x.pdf'], '工作包'],
    [[DEMO, '--out', 'x.pdf'], '--class'],
    [[DEMO, '--class', CLASS, '--out', 'x.txt'], '.pdf'],
    [[DEMO, '--class', 'C-NOPE', '--out', 'x.pdf'], 'C-NOPE'],
    [[DEMO, '--class', CLASS, '--out', 'x.pdf', '--offset', '30,0'], '--offset'],
    [[DEMO, '--class', CLASS, '--out', 'x.pdf', '--copies', '0'], '--copies'],
  ])(
    'exits 2 with a Chinese message and writes nothing for %j',
    async (argv, named) => {
      const dir = fresh();
      const args = argv.map((a) =>
        a.endsWith('.pdf') || a.endsWith('.txt') ? path.join(dir, a) : a,
      );
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('错误');
      expect(r.err).toContain(named);
      expect(readdirSync(dir)).toEqual([]);
    },
    60_000,
  );

  it('writes to a readable 演示 name in the working folder when --out is not given', async () => {
    const dir = fresh();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await run(DEMO, '--class', CLASS, '--as-of', '2025-06-30');
      expect(r.code, r.err).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    // The demo key signed these records, so the file says 演示; 7 certificates in the batch.
    expect(pdfs[0]).toMatch(/^演示-合格证书_[^_]+_\d{4}-\d{2}-\d{2}_7张\.pdf$/);
    expect(existsSync(path.join(dir, 'certificates-print-log.jsonl'))).toBe(true);
  }, 60_000);

  it('prints a class, logs it, and refuses a reprint without a reason', async () => {
    const dir = fresh();
    const first = await run(
      DEMO,
      '--class',
      CLASS,
      '--out',
      path.join(dir, 'a.pdf'),
      '--as-of',
      '2025-06-30',
    );
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('T-00133'); // failed review, no number: listed, not printed
    expect(first.out).toContain('待平台编号');
    const logFile = path.join(dir, 'certificates-print-log.jsonl');
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!) as {
      kind: string;
      payload: { action: string; numbers: string[] };
    };
    expect(rec.kind).toBe('print-log');
    expect(rec.payload.action).toBe('print');
    expect(rec.payload.numbers).toHaveLength(7);
    expect(readFileSync(path.join(dir, 'a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    const again = await run(
      DEMO,
      '--class',
      CLASS,
      '--out',
      path.join(dir, 'b.pdf'),
      '--as-of',
      '2025-06-30',
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain('重印须填写原因');
    expect(existsSync(path.join(dir, 'b.pdf'))).toBe(false);
    expect(readFileSync(logFile, 'utf8').trim().split('\n')).toHaveLength(1);

    const reprint = await run(
      DEMO,
      '--class',
      CLASS,
      '--out',
      path.join(dir, 'b.pdf'),
      '--as-of',
      '2025-06-30',
      '--trainee',
      'T-00126',
      '--reason',
      '卡纸损坏',
    );
    expect(reprint.code, reprint.err).toBe(0);
    const last = JSON.parse(readFileSync(logFile, 'utf8').trim().split('\n')[1]!) as {
      payload: { action: string; reason: string; numbers: string[] };
    };
    expect(last.payload).toMatchObject({ action: 'reprint', reason: '卡纸损坏' });
    expect(last.payload.numbers).toHaveLength(1);
  }, 120_000);

  it('exits 1 and writes nothing for a class with no number yet (𠮷思远’s class)', async () => {
    const dir = fresh();
    const r = await run(
      DEMO,
      '--class',
      'C-2025-CY-O01',
      '--out',
      path.join(dir, 'o1.pdf'),
      '--as-of',
      '2025-06-30',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('𠮷思远');
    expect(r.out).toContain('待平台编号');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
