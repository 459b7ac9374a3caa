import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToBase64, PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import { emptyPackageRecords, type WorkPackageManifest } from '../../../src-shared/records/records';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { inspectFile } from '../../../src-main/services/bundles/inspect';
import { writeZip } from '../../../src-main/services/bundles/zip';
import {
  generateSigningKey,
  signEnvelope,
  type SigningKey,
  type TrustedKeys,
} from '../../../src-main/services/crypto/ed25519';
import { sha256Hex } from '../../../src-main/services/crypto/hash';
import { editEnvelope, firstBundle, flipByte, makeReviews, makeSigner } from './factories';

function makeManifest(
  files: Array<{ path: string; data: Uint8Array; external?: boolean }>,
): WorkPackageManifest {
  const empty = emptyPackageRecords();
  return {
    schemaVersion: 1,
    packageId: 'pkg-test',
    version: 1,
    issuer: '管理平台',
    district: '海淀区',
    title: '测试工作包',
    createdAt: '2026-03-01T09:00:00+08:00',
    policyPackId: 'jrsnf-2023-25',
    records: empty,
    files: files.map((f, i) => ({
      id: `f-${i}`,
      path: f.path,
      size: f.data.length,
      sha256: sha256Hex(f.data),
      mediaType: 'application/pdf',
      kind: 'business-plan',
      external: f.external ?? false,
    })),
  };
}

async function makePackage(
  key: SigningKey,
  files: Array<{ path: string; data: Uint8Array; external?: boolean }>,
  stored = files,
) {
  const env = signEnvelope(
    PAYLOAD_TYPES.workPackage,
    new TextEncoder().encode(JSON.stringify(makeManifest(files))),
    [key],
  );
  return writeZip([
    { name: 'envelope.json', data: new TextEncoder().encode(JSON.stringify(env)) },
    ...stored.filter((f) => !f.external).map((f) => ({ name: `files/${f.path}`, data: f.data })),
  ]);
}

const pdf = new TextEncoder().encode('%PDF-1.7 计划书');

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qh-inspect-'));
  dirs.push(dir);
  return dir;
}

/** The CLI inspects files by path, as the app opens them. */
async function inspectBytes(bytes: Uint8Array, trusted: TrustedKeys) {
  const file = path.join(await tempFolder(), 'file.bin');
  await writeFile(file, bytes);
  return inspectFile(file, trusted);
}

describe('inspecting any signed file', () => {
  it('calls a package valid when the signature is trusted and every inside file matches', async () => {
    const key = generateSigningKey();
    const bytes = await makePackage(key, [
      { path: 'plans/a.pdf', data: pdf },
      { path: 'video/v.mp4', data: pdf, external: true },
    ]);
    const r = await inspectBytes(bytes, new Map([[key.keyid, key.publicKeyRaw]]));
    expect(r).toMatchObject({ kind: 'work-package', verdict: 'valid' });
    expect(r.lines.join('\n')).toContain('外部媒体 1 个');
  });

  it('calls a package invalid when a file inside differs from the manifest, naming the file', async () => {
    const key = generateSigningKey();
    const bytes = await makePackage(
      key,
      [{ path: 'plans/a.pdf', data: pdf }],
      [{ path: 'plans/a.pdf', data: flipByte(pdf, 2) }],
    );
    const r = await inspectBytes(bytes, new Map([[key.keyid, key.publicKeyRaw]]));
    expect(r.verdict).toBe('invalid');
    expect(r.lines.at(-1)).toContain('plans/a.pdf');
  });

  it('calls a package invalid when its signer is not trusted', async () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const r = await inspectBytes(
      await makePackage(key, []),
      new Map([[other.keyid, other.publicKeyRaw]]),
    );
    expect(r.verdict).toBe('invalid');
  });

  it('calls random bytes unreadable', async () => {
    expect((await inspectBytes(new Uint8Array([1, 2, 3]), new Map())).verdict).toBe('unreadable');
    expect((await inspectBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), new Map())).verdict).toBe(
      'unreadable',
    );
  });
});

describe('verify CLI', () => {
  const run = promisify(execFile);
  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await run('npx', ['tsx', 'src-main/cli/verify.ts', ...args], {
        cwd: path.resolve(__dirname, '../../..'),
      });
      return { code: 0, out: stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout + err.stderr };
    }
  }

  it('exits 0 for a valid bundle, 1 for a tampered one and 2 for a missing file', async () => {
    const dir = await tempFolder();
    const signer = makeSigner();
    const built = await buildResultBundle(
      {
        profileId: 'p-1',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(2),
      },
      [signer],
    );
    if (!built.ok) throw new Error(built.message);
    await writeFile(path.join(dir, 'ok.qhres'), built.bytes);
    await writeFile(path.join(dir, 'key.b64'), bytesToBase64(signer.publicKeyRaw));
    const stranger = makeSigner();
    await writeFile(path.join(dir, 'other.b64'), bytesToBase64(stranger.publicKeyRaw));
    const ok = await cli([path.join(dir, 'ok.qhres'), '--trust', path.join(dir, 'key.b64')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('有效');
    const bad = await cli([path.join(dir, 'ok.qhres'), '--trust', path.join(dir, 'other.b64')]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('不是由受信任的签名密钥签名的');
    // The CLI's reader is support: the untrusted signer's whole key id is printed on its own line.
    expect(bad.out).toContain(signer.keyid);
    expect((await cli([path.join(dir, 'missing.qhres')])).code).toBe(2);
  }, 60_000);
});

describe('a result bundle of the retired format 1', () => {
  it('is reported as a result bundle refused for its format, with what to do', async () => {
    const expert = makeSigner();
    const built = await firstBundle([expert]);
    const v1 = await editEnvelope(built.bytes, (env) => ({
      ...env,
      payloadType: 'application/vnd.qihang.result-bundle+json;version=1',
    }));
    const report = await inspectBytes(v1, new Map([[expert.keyid, expert.publicKeyRaw]]));
    expect(report.kind).toBe('result-bundle');
    expect(report.verdict).toBe('invalid');
    expect(report.lines.at(-1)).toContain('旧格式（版本 1）');
  });
});
