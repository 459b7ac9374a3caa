import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { makeClass, withOutcomes } from '../../shared/policy/factories';
import { writeJson, writeQhpkg } from './packageFixture';
import { tempFolders } from '../tempFolders';
import { main } from '../../../src-main/cli/policy';

const temp = tempFolders();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = temp.sync('policy-cli-');

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The CLI in-process (its `main`): a spawn per case cost 10–37 s each on a loaded machine. */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function runIn(cwd: string, ...args: string[]) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await run(...args);
  } finally {
    process.chdir(before);
  }
}

const records = makeClass({ trainees: 3 });
const { files, ...plain } = records;
const inputs = {
  outcomePassed: { 'C1-T1': true, 'C1-T2': true, 'C1-T3': false },
  liveSampleMinutes: { C1: 90 },
};

beforeAll(async () => {
  plain.certificateNumbers = ['C1-T1', 'C1-T2'].map((t) => ({
    traineeId: t,
    classId: 'C1',
    program: 'basic' as const,
    number: `ZS-${t}`,
  }));
  plain.submissions = ['C1-T1', 'C1-T2', 'C1-T3'].map((t) => ({
    id: `S-${t}`,
    traineeId: t,
    classId: 'C1',
    kind: 'business-plan' as const,
    title: '计划书',
    fileId: `F-${t}`,
    submittedAt: '2025-11-20T10:00:00+08:00',
  }));
  await writeJson(join(dir, 'class.json'), { records: plain, inputs, files });
  // Starts after 京人社能发〔2023〕25号 ended, with every trainee numbered by the platform: under
  // the old reading this showed 40 × 1500 元 as claimable with only a warning.
  const future = makeClass({ id: 'C9', startDate: '2026-03-01', endDate: '2026-03-20' });
  withOutcomes(future);
  const { files: futureFiles, ...futureRecords } = future;
  await writeJson(join(dir, 'future.json'), { records: futureRecords, files: futureFiles });
  await writeJson(join(dir, 'inputs.json'), {
    outcomePassed: { 'C1-T1': false, 'C1-T2': false, 'C1-T3': false },
  });
  const later = {
    ...JRSNF_2023_25,
    id: 'next-2026',
    effective: { from: '2026-01-01', to: '2027-12-31' },
  };
  await writeQhpkg(
    join(dir, 'work.qhpkg'),
    plain,
    [
      ...files,
      {
        id: 'PP',
        path: 'policy/next.json',
        size: 1,
        sha256: '0'.repeat(64),
        mediaType: 'application/json',
        kind: 'policy-pack',
        external: false,
      },
    ],
    [{ name: 'files/policy/next.json', data: Buffer.from(JSON.stringify(later)) }],
  );
  await writeQhpkg(
    join(dir, 'badpack.qhpkg'),
    plain,
    [
      {
        id: 'PP',
        path: 'p.json',
        size: 1,
        sha256: '0'.repeat(64),
        mediaType: 'application/json',
        kind: 'policy-pack',
        external: false,
      },
    ],
    [{ name: 'files/p.json', data: Buffer.from('{"id":"x"}') }],
  );
  writeFileSync(join(dir, 'broken.json'), '{"records": ');
  writeFileSync(join(dir, 'notzip.qhpkg'), 'hello');
  await writeJson(join(dir, 'badclass.json'), { records: { classes: [{ id: 'C1' }] } });
}, 30_000);

describe('policy CLI', () => {
  test('checks a JSON class file and prints findings and subsidy figures as JSON', async () => {
    const r = await run('check', join(dir, 'class.json'), '--as-of', '2025-12-01');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.kind).toBe('json');
    const cls = out.evaluation.classes[0];
    expect(cls.packId).toBe('jrsnf-2023-25');
    expect(cls.trainees.map((t: { status: string }) => t.status)).toEqual([
      'eligible',
      'eligible',
      'ineligible',
    ]);
    expect(out.evaluation.totals.trainingYuan).toBe(3000);
    expect(
      cls.findings.supervision.find((f: { ruleId: string }) => f.ruleId === 'R-LIVE-SAMPLE').status,
    ).toBe('pass');
  }, 30_000);

  test('--inputs replaces the inputs of the class file', async () => {
    const r = await run(
      'check',
      join(dir, 'class.json'),
      '--inputs',
      join(dir, 'inputs.json'),
      '--as-of',
      '2025-12-01',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).evaluation.totals.trainingYuan).toBe(0);
  }, 30_000);

  test('reads a .qhpkg work package, including the policy pack it carries, as a table', async () => {
    const r = await run(
      'check',
      join(dir, 'work.qhpkg'),
      '--format',
      'table',
      '--as-of',
      '2025-12-01',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('班级 C1');
    expect(r.out).toContain('待核查');
    // The platform numbered C1-T1 and C1-T2: their outcomes read as passed (平台记录), so
    // their 1500 元 each is claimable without any local input; C1-T3 has no number and waits.
    expect(r.out).toContain('合计：可申领 3000 元');
    expect(r.out).toContain('学员 C1-T3 学员C1-T3：待核查');
    const json = JSON.parse(
      (await run('check', join(dir, 'work.qhpkg'), '--as-of', '2025-12-01')).out,
    );
    expect(json.packs).toEqual(['jrsnf-2023-25', 'next-2026']);
  }, 30_000);

  test('runs as `npm run policy` does, a process of its own; the help says the signature is not verified', () => {
    // tsx by path: the same loader npm run policy uses.
    const r = spawnSync(
      process.execPath,
      ['--import', tsxLoader, join(root, 'src-main/cli/policy.ts'), '--help'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('不验证平台签名');
  }, 120_000);

  test('a refusal exits 2 from the process too', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        tsxLoader,
        join(root, 'src-main/cli/policy.ts'),
        'check',
        join(dir, 'broken.json'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('broken.json');
  }, 120_000);

  test.each([
    ['missing.json', '文件不存在'],
    ['broken.json', '不是有效的 JSON'],
    ['badclass.json', 'records.classes[0]'],
    ['notzip.qhpkg', '不是有效的工作包'],
    ['badpack.qhpkg', 'files/p.json'],
  ])(
    'exits 2 naming %s and the problem (%s)',
    async (name, problem) => {
      const r = await run('check', join(dir, name));
      expect(r.code).toBe(2);
      expect(r.err).toContain(name);
      expect(r.err).toContain(problem);
      expect(r.out).toBe('');
    },
    30_000,
  );

  test('writes the quarter subsidy sheet as XLSX', async () => {
    const out = join(dir, 'q4.xlsx');
    const r = await run(
      'sheet',
      join(dir, 'class.json'),
      '--quarter',
      '2025Q4',
      '--out',
      out,
      '--district',
      '朝阳区',
      '--as-of',
      '2025-12-01',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('2025-12-20');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('可申领')!.getCell('I7').value).toMatchObject({ result: 3000 });
  }, 30_000);

  test('without --out, writes 补贴申领表_<区>_<季度>.xlsx in the working folder', async () => {
    const cwd = temp.sync('policy-cli-cwd-');
    const r = await runIn(
      cwd,
      'sheet',
      join(dir, 'class.json'),
      '--quarter',
      '2025Q4',
      '--district',
      '朝阳区',
      '--as-of',
      '2025-12-01',
    );
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(cwd, '补贴申领表_朝阳区_2025年第4季度.xlsx'))).toBe(true);
    expect(r.out).toContain('已写入 补贴申领表_朝阳区_2025年第4季度.xlsx');
  }, 30_000);

  test('no pack, no claim: a class starting 2026-03-01 is 不适用, names the pack it needs and stays out of the sheet', async () => {
    const r = await run(
      'check',
      join(dir, 'future.json'),
      '--format',
      'table',
      '--as-of',
      '2026-04-01',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('须导入有效期覆盖 2026-03-01 的政策包');
    expect(r.out).toContain('不适用 40');
    expect(r.out).toContain('参考 1500 元（不可申领）');
    expect(r.out).toContain('合计：可申领 0 元');
    expect(r.out).toContain('学员 C9-T1 学员C9-T1：不适用');
    expect(r.out).not.toMatch(/学员 C9-T\d+ \S+：可申领/);
    const out = join(dir, 'q1-2026.xlsx');
    const s = await run('sheet', join(dir, 'future.json'), '--quarter', '2026Q1', '--out', out);
    expect(s.code).toBe(0);
    expect(s.out).toContain('可申领 0 人次 0 元');
    expect(s.out).toContain('不适用 1 个班级');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('可申领')!.getCell('B5').value).toBe('合计');
    expect(wb.getWorksheet('不可申领')!.rowCount).toBe(4);
    const na = wb.getWorksheet('不适用')!;
    expect(na.getCell('B5').value).toBe('C9');
    expect(String(na.getCell('E5').value)).toContain('须导入有效期覆盖 2026-03-01 的政策包');
  }, 30_000);

  test('refuses a sheet for a district the file has no class in, naming the ones it has', async () => {
    const out = join(dir, 'none.xlsx');
    const r = await run(
      'sheet',
      join(dir, 'class.json'),
      '--quarter',
      '2025Q4',
      '--out',
      out,
      '--district',
      '东城区',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('东城区');
    expect(r.err).toContain('朝阳区');
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
