// One verifier for the app and the CLI: every file of the hostile corpus gets the same verdict
// from the app's import (openWorkPackage, as the import jobs call it) and from `npm run verify`
// — the same error code, and the exit code that code calls for (不安全 and 无效 exit 1, an
// unreadable file exits 2). Nothing either prints may carry a raw control character.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import { main as verifyCli } from '../../../src-main/cli/verify';
import { openWorkPackage } from '../../../src-main/services/packages';
import type { SigningKey } from '../../../src-main/services/crypto/ed25519';
import { makeKey, tempDir, trustOnly } from './factory';
import { writeHostileCorpus, type CorpusFile } from './hostileCorpus';

// Any C0/C1 control but the newline, and the bidi controls.
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const EXIT = { unsafe: 1, invalid: 1, unreadable: 2 } as const;
const WORD = { unsafe: '不安全', invalid: '无效', unreadable: '无法读取' } as const;

let dir: string;
let cleanup: () => void;
let key: SigningKey;
let keyFile: string;
let corpus: CorpusFile[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  key = makeKey();
  keyFile = join(dir, 'platform.pub.b64');
  writeFileSync(keyFile, bytesToBase64(key.publicKeyRaw));
  corpus = await writeHostileCorpus(dir, key);
}, 120_000);
afterAll(() => cleanup());

async function cliInProcess(args: string[]): Promise<{ exit: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
  const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void lines.push(s));
  try {
    const exit = await verifyCli(args);
    return { exit, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('the hostile-package corpus', () => {
  it('gets the same verdict from the app’s import and from the verify CLI, file by file', async () => {
    const expected: string[] = [];
    const actual: string[] = [];
    for (const file of corpus) {
      const app = await openWorkPackage(file.path, { trustedKeys: trustOnly(key) });
      const cli = await cliInProcess([file.path, '--trust', keyFile]);
      const name = file.path.slice(dir.length + 1);
      expected.push(
        `${name}: app ${file.code ?? 'valid'}, cli ${file.code ?? 'valid'} exit ${file.refusal ? EXIT[file.refusal] : 0}`,
      );
      const cliCode = /（([a-z-]+)）：/.exec(cli.out)?.[1] ?? (cli.exit === 0 ? 'valid' : '?');
      actual.push(`${name}: app ${app.ok ? 'valid' : app.code}, cli ${cliCode} exit ${cli.exit}`);
      if (file.refusal) expect(cli.out, name).toContain(`${WORD[file.refusal]}（${file.code}）`);
      expect(cli.out, name).not.toMatch(RAW_CONTROL);
      if (!app.ok) expect(app.message, name).not.toMatch(RAW_CONTROL);
    }
    expect(actual).toEqual(expected);
    expect(corpus.length).toBeGreaterThanOrEqual(18);
  }, 120_000);

  it('calls an empty file and a text file what they are, in the app and in the CLI', async () => {
    for (const [file, word] of [
      ['empty.qhpkg', '空文件'],
      ['notes.qhpkg', '文本文件'],
    ] as const) {
      const path = join(dir, file);
      const app = await openWorkPackage(path, { trustedKeys: trustOnly(key) });
      expect(!app.ok && app.message).toContain(word);
      expect((await cliInProcess([path])).out).toContain(word);
    }
  });

  it('spells out the bidi override in an entry name instead of printing it', async () => {
    const { out } = await cliInProcess([join(dir, 'bidi.qhpkg'), '--trust', keyFile]);
    expect(out).toContain('files/季度报告[U+202E]fdp.exe');
  });

  it('exits 1 with 不安全 from the real command for a ZIP-slip package', async () => {
    const run = promisify(execFile);
    const repo = resolve(__dirname, '../../..');
    const failed = await run(
      'npx',
      ['tsx', 'src-main/cli/verify.ts', join(dir, 'slip.qhpkg'), '--trust', keyFile],
      { cwd: repo },
    ).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('不安全（unsafe-path）');
  }, 60_000);
});
