// The conformance suite the platform team runs against its own reader: committed files equal
// what the generator writes from its fixed seeds, our verifier agrees with every expected
// verdict and code, and the runner reports a verifier that does not.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main as verify, type VerifyJson } from '../../../src-main/cli/verify';
import { runSuite, table } from '../../../scripts/conformance';
import { buildSuite, SUITE_FILES } from '../../fixtures/conformance/suite';

const DIR = path.resolve(__dirname, '../../fixtures/conformance');
afterEach(() => vi.restoreAllMocks());

function committed(dir = DIR, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix + name;
    if (statSync(path.join(dir, name)).isDirectory())
      return committed(path.join(dir, name), `${rel}/`);
    return name.endsWith('.ts') ? [] : [rel];
  });
}

describe('the conformance suite', () => {
  it('is exactly what npm run conformance:make writes from its fixed seeds', async () => {
    const suite = await buildSuite();
    expect(committed().sort()).toEqual([...suite.files.keys()].sort());
    for (const [file, bytes] of suite.files)
      expect(Buffer.from(readFileSync(path.join(DIR, file))).equals(Buffer.from(bytes)), file).toBe(
        true,
      );
    // Both formats, both outcomes, and more than one way to be refused.
    const kinds = new Set(suite.cases.map((c) => `${c.format}:${c.verdict}`));
    expect(kinds).toEqual(
      new Set([
        'work-package:valid',
        'work-package:invalid',
        'work-package:unsafe',
        'work-package:unreadable',
        'result-bundle:valid',
        'result-bundle:invalid',
        'result-bundle:unsafe',
        'result-bundle:unreadable',
      ]),
    );
  }, 60_000);

  it('gets every expected verdict and code from our own verifier (npm run verify --json)', async () => {
    const { cases } = await buildSuite();
    const at = (f: string) => path.join(DIR, f);
    const answers: string[] = [];
    for (const c of cases) {
      const printed: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((l: string) => void printed.push(l));
      const exit = await verify([
        at(c.file),
        '--trust',
        at(SUITE_FILES.platformKey),
        '--enrollment',
        at(SUITE_FILES.expertEnrollment),
        '--enrollment',
        at(SUITE_FILES.chairEnrollment),
        '--json',
      ]);
      vi.restoreAllMocks();
      const answer = JSON.parse(printed.join('')) as VerifyJson;
      answers.push(`${c.file} ${answer.verdict} ${answer.code} ${exit}`);
    }
    expect(answers).toEqual(
      cases.map(
        (c) =>
          `${c.file} ${c.verdict} ${c.code} ${c.verdict === 'valid' ? 0 : c.verdict === 'unreadable' ? 2 : 1}`,
      ),
    );
  }, 120_000);

  // One process per case: a handful of cases keeps this quick on a loaded machine.
  const FEW = new Set([
    'work-packages/valid-stored.qhpkg',
    'work-packages/zip-slip.qhpkg',
    'result-bundles/valid.qhres',
    'result-bundles/signer-mismatch.qhres',
  ]);
  const few = (c: { file: string }) => FEW.has(c.file);

  it('tells a verifier that accepts everything where it differs', async () => {
    const results = await runSuite(DIR, `${process.execPath} -e process.exit(0) {file}`, few);
    const cases = (await buildSuite()).cases.filter(few);

    expect(results.filter((r) => r.verdictAgrees).map((r) => r.case.file)).toEqual(
      cases.filter((c) => c.verdict === 'valid').map((c) => c.file),
    );
    expect(results.every((r) => r.codeAgrees === null)).toBe(true);
    const printed = table(results);
    expect(printed).toContain('不一致\twork-packages/zip-slip.qhpkg\tunsafe/unsafe-path\texit 0');
    expect(printed).toContain(
      `一致 ${cases.filter((c) => c.verdict === 'valid').length}/${cases.length}`,
    );
  }, 120_000);

  it('compares codes when the verifier prints JSON, and fills in the key placeholders', async () => {
    // A stand-in that names the platform key file as its code: the placeholder must arrive.
    const script = 'console.log(JSON.stringify({code: process.argv[1]})); process.exit(1)';
    const results = await runSuite(DIR, `${process.execPath} -e "${script}" {platformKey}`, few);
    expect(results[0]!.code).toBe(path.join(DIR, SUITE_FILES.platformKey));
    expect(results.every((r) => r.codeAgrees === false)).toBe(true);
  }, 120_000);
});
