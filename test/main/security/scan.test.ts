import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatReport,
  scanForSecurityIssues,
  type ScanReport,
} from '../../../scripts/security-scan';

const repoRoot = path.resolve(__dirname, '../../..');
const caseDir = 'test/main/security/cases';

function scanCase(name: string): Promise<ScanReport> {
  return scanForSecurityIssues({ repoRoot, targets: [`${caseDir}/${name}`] });
}

function located(report: ScanReport, which: 'justified' | 'unjustified'): string[] {
  return report[which]
    .map((f) => `${f.check}@${f.file === 'N/A' ? 'app' : path.basename(f.file)}:${f.line}`)
    .sort();
}

describe('security scan (Electronegativity through its run() API)', () => {
  it('reports nodeIntegration and disabled context isolation in a window as unjustified', async () => {
    const report = await scanCase('insecure-window');
    const found = located(report, 'unjustified');
    expect(found).toContain('NODE_INTEGRATION_JS_CHECK@main.ts:7');
    expect(found).toContain('CONTEXT_ISOLATION_JS_CHECK@main.ts:8');
    expect(report.justified).toEqual([]);
  });

  it('reports the missing CSP, navigation limits and permission handler for the whole app', async () => {
    const report = await scanCase('insecure-window');
    expect(located(report, 'unjustified')).toEqual(
      expect.arrayContaining([
        'CSP_GLOBAL_CHECK@app:0',
        'LIMIT_NAVIGATION_GLOBAL_CHECK@app:0',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK@app:0',
      ]),
    );
  });

  it('accepts findings justified on the line above, several per comment, and whole-app ones anywhere', async () => {
    const report = await scanCase('justified-window');
    expect(report.unjustified).toEqual([]);
    expect(located(report, 'justified')).toEqual([
      'AUXCLICK_JS_CHECK@main.ts:8',
      'CSP_GLOBAL_CHECK@app:0',
      'SANDBOX_JS_CHECK@main.ts:8',
    ]);
    const csp = report.justified.find((f) => f.check === 'CSP_GLOBAL_CHECK');
    expect(csp?.justification?.reason).toBe('a whole-app finding may be justified anywhere');
  });

  it('warns about a justification that no finding uses', async () => {
    const report = await scanCase('justified-window');
    expect(report.unusedJustifications).toEqual([
      `${caseDir}/justified-window/main.ts:7 CONTEXT_ISOLATION_JS_CHECK`,
    ]);
  });

  it('refuses eng-disable comments and justifications without a real reason', async () => {
    const report = await scanCase('hidden-finding');
    const found = located(report, 'unjustified');
    expect(found).toContain('ENG_DISABLE_COMMENT@main.ts:6');
    expect(found).toContain('CONTEXT_ISOLATION_JS_CHECK@main.ts:8');
    expect(report.justified).toEqual([]);
  });

  it('ends its report with the counts line the test runner prints', async () => {
    const report = await scanCase('insecure-window');
    const last = formatReport(report).at(-1);
    expect(last).toMatch(
      new RegExp(
        `^security: ${report.findings.length} findings, 0 justified, ${report.unjustified.length} unjustified`,
      ),
    );
  });

  it('counts a file it cannot parse as an unjustified finding, since nothing in it was checked', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-scan-test-'));
    try {
      fs.mkdirSync(path.join(root, 'src-main'));
      fs.writeFileSync(path.join(root, 'src-main', 'broken.ts'), 'export const = ;\n');
      const report = await scanForSecurityIssues({
        repoRoot: root,
        targets: ['src-main'],
        electronVersion: '45.0.0',
      });
      expect(report.unjustified.map((f) => `${f.check}@${f.file}`)).toContain(
        'PARSE_ERROR@src-main/broken.ts',
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails loudly when a target folder does not exist', async () => {
    await expect(scanCase('no-such-case')).rejects.toThrow(/does not exist/);
  });
});
