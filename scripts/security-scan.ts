// Electronegativity over the code that shapes the Electron attack surface, run through its
// run() API. Every finding fails the scan unless the flagged line (or the comment lines right
// above it) carries `// electronegativity-justified: CHECK_ID — reason`, so each accepted risk
// is argued in the code next to it, where a reviewer sees it.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export const DEFAULT_TARGETS = ['src-main', 'src-renderer'];

// Only this check goes online (it downloads Electron's release list from GitHub to look for
// newer patch releases); every other check reads the scanned files alone.
export const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const SCANNED_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const MARKER = 'electronegativity-justified:';
const JUSTIFICATION =
  /electronegativity-justified:\s*([A-Z0-9_]+(?:\s*,\s*[A-Z0-9_]+)*)\s*(?:—|–|--|-|:)\s*(.*)$/;
const MIN_REASON_LENGTH = 8;

export interface SecurityFinding {
  check: string;
  /** Repository-relative path, or 'N/A' for whole-application findings. */
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  description: string;
  justification?: { reason: string; at: string };
}

export interface ScanReport {
  findings: SecurityFinding[];
  justified: SecurityFinding[];
  unjustified: SecurityFinding[];
  /** Justification comments that no finding used: stale after a fix, or a misspelt check id. */
  unusedJustifications: string[];
  filesScanned: number;
  checksRun: number;
}

export interface ScanOptions {
  repoRoot: string;
  /** Repository-relative folders or files. */
  targets: string[];
  electronVersion?: string;
}

interface EngIssue {
  file: string;
  location: { line: number; column: number };
  id: string;
  description: string;
  severity?: { name: string };
  confidence?: { name: string };
}

interface EngResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: EngIssue[];
}

type EngRun = (options: Record<string, unknown>, forCli: boolean) => Promise<EngResult>;

interface Justification {
  checks: string[];
  reason: string;
  at: string;
}

const localRequire = createRequire(__filename);

/**
 * Electronegativity asks an S3 bucket for translations on every run (a 1 s timeout when
 * offline). Its resolved `got` is replaced by a stub answering 404 before the tool is loaded,
 * so the scan never touches the network and keeps its bundled English strings.
 */
function loadElectronegativity(): EngRun {
  const entry = localRequire.resolve('@doyensec/electronegativity');
  const engRequire = createRequire(entry);
  const gotPath = engRequire.resolve('got');
  if (!localRequire.cache[gotPath]) {
    const offline = () => Promise.resolve({ statusCode: 404, body: '', headers: {} });
    const stub = Object.assign(offline, { head: offline });
    const stubModule = new Module(gotPath);
    stubModule.filename = gotPath;
    stubModule.loaded = true;
    stubModule.exports = stub;
    localRequire.cache[gotPath] = stubModule;
  }
  const loaded = engRequire(entry) as EngRun | { default: EngRun };
  return typeof loaded === 'function' ? loaded : loaded.default;
}

function installedElectronVersion(repoRoot: string): string {
  const manifest = path.join(repoRoot, 'node_modules', 'electron', 'package.json');
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return version;
}

function listFiles(root: string, target: string): string[] {
  const absolute = path.join(root, target);
  if (!fs.existsSync(absolute)) throw new Error(`security scan target does not exist: ${target}`);
  if (fs.statSync(absolute).isFile()) return [target];
  const files: string[] = [];
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(root, child));
    else if (SCANNED_EXTENSIONS.has(path.extname(entry.name))) files.push(child);
  }
  return files;
}

function parseJustification(line: string, at: string): Justification | undefined {
  const match = JUSTIFICATION.exec(line);
  if (!match) return undefined;
  const reason = (match[2] ?? '').replace(/\*\/\s*}?\s*$|-->\s*$/, '').trim();
  if (reason.length < MIN_REASON_LENGTH) return undefined;
  const checks = (match[1] ?? '').split(',').map((c) => c.trim());
  return { checks, reason, at };
}

function isCommentOnly(line: string): boolean {
  return /^\s*(\/\/|\/\*|\*|<!--|\{\s*\/\*)/.test(line);
}

/** Justifications that cover a line: on it, or in the unbroken run of marker comments above. */
function justificationsAt(lines: string[], file: string, lineNumber: number): Justification[] {
  const found: Justification[] = [];
  const own = lines[lineNumber - 1];
  const onLine = own === undefined ? undefined : parseJustification(own, `${file}:${lineNumber}`);
  if (onLine) found.push(onLine);
  for (let n = lineNumber - 1; n >= 1; n--) {
    const text = lines[n - 1] ?? '';
    if (!isCommentOnly(text) || !text.includes(MARKER)) break;
    const parsed = parseJustification(text, `${file}:${n}`);
    if (parsed) found.push(parsed);
  }
  return found;
}

function stageTargets(repoRoot: string, files: string[]): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-security-'));
  for (const file of files) {
    const destination = path.join(stage, file);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), destination);
  }
  return stage;
}

function pseudoFinding(
  check: string,
  file: string,
  line: number,
  description: string,
): SecurityFinding {
  return { check, file, line, column: 0, severity: 'HIGH', confidence: 'CERTAIN', description };
}

export async function scanForSecurityIssues(options: ScanOptions): Promise<ScanReport> {
  const { repoRoot } = options;
  const files = [...new Set(options.targets.flatMap((t) => listFiles(repoRoot, t)))].sort();
  if (files.length === 0)
    throw new Error(`security scan found no files in ${options.targets.join(', ')}`);
  const sources = new Map(
    files.map((f) => [f, fs.readFileSync(path.join(repoRoot, f), 'utf8').split('\n')]),
  );

  // One run over a staged copy of all targets: global checks (CSP, permission handler,
  // navigation limits) must see the whole application at once, not one folder at a time.
  const stage = stageTargets(repoRoot, files);
  let result: EngResult;
  try {
    const run = loadElectronegativity();
    result = await run(
      {
        input: stage,
        excludeFromScan: NETWORK_CHECKS,
        electronVersionOverride: options.electronVersion ?? installedElectronVersion(repoRoot),
      },
      false,
    );
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }

  const toRepoPath = (file: string) =>
    file === 'N/A'
      ? file
      : path.relative(stage, path.resolve(stage, file)).split(path.sep).join('/');

  const findings: SecurityFinding[] = result.issues.map((issue) => ({
    check: issue.id,
    file: toRepoPath(issue.file),
    line: issue.location.line,
    column: issue.location.column,
    severity: issue.severity?.name ?? 'UNKNOWN',
    confidence: issue.confidence?.name ?? 'UNKNOWN',
    description: issue.description,
  }));

  // A file Electronegativity could not parse was not checked at all: that is a finding too.
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    findings.push(pseudoFinding('PARSE_ERROR', toRepoPath(error.file), 0, error.message));
  }
  // Its own `eng-disable` comments hide findings without a reason; only our marker may excuse one.
  for (const [file, lines] of sources) {
    lines.forEach((text, i) => {
      if (/eng-disable/.test(text)) {
        findings.push(
          pseudoFinding(
            'ENG_DISABLE_COMMENT',
            file,
            i + 1,
            'eng-disable hides a finding silently; use electronegativity-justified with a reason',
          ),
        );
      }
    });
  }

  const everyJustification: Justification[] = [];
  for (const [file, lines] of sources) {
    lines.forEach((text, i) => {
      const parsed = parseJustification(text, `${file}:${i + 1}`);
      if (parsed) everyJustification.push(parsed);
    });
  }
  const used = new Set<string>();

  for (const finding of findings) {
    if (finding.check === 'PARSE_ERROR' || finding.check === 'ENG_DISABLE_COMMENT') continue;
    const lines = sources.get(finding.file);
    // Whole-application findings (no file, line 0) may be justified anywhere in the scanned code.
    const candidates =
      lines && finding.line > 0
        ? justificationsAt(lines, finding.file, finding.line)
        : everyJustification;
    const match = candidates.find((j) => j.checks.includes(finding.check));
    if (match) {
      finding.justification = { reason: match.reason, at: match.at };
      used.add(`${match.at} ${finding.check}`);
    }
  }

  const unusedJustifications = everyJustification.flatMap((j) =>
    j.checks.filter((c) => !used.has(`${j.at} ${c}`)).map((c) => `${j.at} ${c}`),
  );
  const justified = findings.filter((f) => f.justification);
  const unjustified = findings.filter((f) => !f.justification);
  return {
    findings,
    justified,
    unjustified,
    unusedJustifications,
    filesScanned: files.length,
    checksRun: result.globalChecks + result.atomicChecks,
  };
}

export function formatReport(report: ScanReport): string[] {
  const lines: string[] = [];
  const where = (f: SecurityFinding) => (f.file === 'N/A' ? '(whole app)' : `${f.file}:${f.line}`);
  for (const f of report.unjustified) {
    lines.push(`  UNJUSTIFIED ${f.check} ${f.severity}/${f.confidence} at ${where(f)}`);
    lines.push(`    ${f.description.replace(/\s+/g, ' ').trim()}`);
  }
  for (const f of report.justified) {
    lines.push(
      `  justified   ${f.check} at ${where(f)} (${f.justification?.at}): ${f.justification?.reason}`,
    );
  }
  for (const u of report.unusedJustifications) {
    lines.push(`  warning: justification not matched by any finding: ${u}`);
  }
  lines.push(
    `security: ${report.findings.length} findings, ${report.justified.length} justified, ${report.unjustified.length} unjustified` +
      ` (${report.filesScanned} files, ${report.checksRun} checks)`,
  );
  return lines;
}

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..');
  const args = process.argv.slice(2);
  const targets = args.length > 0 ? args : DEFAULT_TARGETS;
  const started = Date.now();
  const report = await scanForSecurityIssues({ repoRoot, targets });
  console.log(
    `security: Electronegativity over ${targets.join(', ')} (excluded: ${NETWORK_CHECKS.join(', ')})`,
  );
  for (const line of formatReport(report)) console.log(line);
  console.log(`security: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return report.unjustified.length === 0 ? 0 : 1;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(__filename);
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('security: the scan itself failed:', error);
      process.exit(1);
    },
  );
}
