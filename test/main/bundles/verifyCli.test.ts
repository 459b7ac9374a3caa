// `npm run verify` answers as the intake does once it is given the enrollment requests: the
// same files go to the reference intake (enrolled from the same requests) and to the CLI, and
// the codes must agree. --json is the machine form: one object, the documented codes and exits.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main, type VerifyJson } from '../../../src-main/cli/verify';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { exportEnrollmentRequest } from '../../../src-main/services/keys/enrollment';
import type { Signer } from '../../../src-main/services/keys/signer';
import { rawZipBytes, tempDir } from '../packages/factory';
import { makePlatform, makeReviews, makeSigner, zipEntries } from './factories';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
afterEach(() => vi.restoreAllMocks());

let printed: string[] = [];
async function run(args: string[]): Promise<{ exit: number; out: string }> {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((l: string) => void printed.push(l));
  vi.spyOn(console, 'error').mockImplementation((l: string) => void printed.push(l));
  const exit = await main(args);
  return { exit, out: printed.join('\n') };
}
async function json(args: string[]): Promise<{ exit: number; answer: VerifyJson }> {
  const { exit, out } = await run([...args, '--json']);
  expect(printed).toHaveLength(1);
  return { exit, answer: JSON.parse(out) as VerifyJson };
}

let serial = 0;
async function file(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, `${++serial}-${name}`);
  await writeFile(path, bytes);
  return path;
}

async function request(signer: Signer, profileId: string, role: 'expert' | 'chair') {
  const req = exportEnrollmentRequest(
    signer,
    { id: profileId, name: role === 'chair' ? '李组长' : '张评审', role, district: '海淀区' },
    new Date('2026-03-01T00:00:00Z'),
  );
  return { text: req.text, path: await file(`enroll-${profileId}.json`, req.text) };
}

async function bundleFor(profileId: string, signers: Signer[], demo = false) {
  const built = await buildResultBundle(
    {
      profileId,
      counter: 1,
      previousBundleHash: null,
      auditLogHead: null,
      records: makeReviews(2),
      ...(demo ? { demo: true } : {}),
    },
    signers,
  );
  if (!built.ok) throw new Error(built.message);
  return { bytes: built.bytes, path: await file(`${profileId}.qhres`, built.bytes) };
}

async function world() {
  const expert = makeSigner();
  const chair = makeSigner();
  const expertReq = await request(expert, 'p-expert', 'expert');
  const chairReq = await request(chair, 'p-chair', 'chair');
  const platform = makePlatform();
  for (const r of [expertReq, chairReq]) {
    const enrolled = await platform.intake.enroll(r.text);
    if (!enrolled.ok) throw new Error(enrolled.message);
  }
  return {
    expert,
    chair,
    platform,
    enroll: ['--enrollment', expertReq.path, '--enrollment', chairReq.path],
  };
}

describe('npm run verify --enrollment: the intake’s verdict', () => {
  it('refuses an expert’s bundle signed only by the chair, as the intake does (signer-mismatch)', async () => {
    const { chair, platform, enroll } = await world();
    const forged = await bundleFor('p-expert', [chair]);

    const intake = await platform.intake.acceptBundle(forged.bytes);
    const cli = await json([forged.path, ...enroll]);

    expect(intake).toMatchObject({ ok: false, status: 403, code: 'signer-mismatch' });
    expect(cli.exit).toBe(1);
    expect(cli.answer).toMatchObject({
      verdict: 'invalid',
      code: 'signer-mismatch',
      kind: 'result-bundle',
    });
    expect(cli.answer.message).toContain('p-expert');
    // Without the enrollment the chair's key is merely trusted: the old, weaker answer.
    const trustOnly = await file('chair.json', (await request(chair, 'p-x', 'chair')).text);
    expect((await json([forged.path, '--trust', trustOnly])).answer.verdict).toBe('valid');
  });

  it('accepts the expert’s own bundle and names it by its ids', async () => {
    const { expert, platform, enroll } = await world();
    const own = await bundleFor('p-expert', [expert]);

    expect(await platform.intake.acceptBundle(own.bytes)).toMatchObject({ ok: true });
    const cli = await json([own.path, ...enroll]);

    expect(cli.exit).toBe(0);
    expect(cli.answer).toMatchObject({
      verdict: 'valid',
      code: null,
      message: null,
      kind: 'result-bundle',
      ids: { profileId: 'p-expert', counter: 1, signedBy: [expert.keyid] },
    });
    expect(cli.answer.ids.bundleId).toMatch(/^b-/);
    expect(cli.answer.ids.bundleHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a demo profile’s bundle (demo-bundle) unless told it is a training intake', async () => {
    const { expert, platform, enroll } = await world();
    const demo = await bundleFor('p-expert', [expert], true);

    expect(await platform.intake.acceptBundle(demo.bytes)).toMatchObject({ code: 'demo-bundle' });
    expect(await json([demo.path, ...enroll])).toMatchObject({
      exit: 1,
      answer: { verdict: 'invalid', code: 'demo-bundle' },
    });
    expect((await json([demo.path, ...enroll, '--accept-demo'])).exit).toBe(0);
  });

  it('refuses a key no request enrolls, as the intake does (unknown-key)', async () => {
    const { platform, enroll } = await world();
    const stranger = await bundleFor('p-expert', [makeSigner()]);

    expect(await platform.intake.acceptBundle(stranger.bytes)).toMatchObject({
      code: 'unknown-key',
    });
    expect((await json([stranger.path, ...enroll])).answer).toMatchObject({ code: 'unknown-key' });
  });

  it('gives the ZIP layer’s code and calls hostile structure unsafe', async () => {
    const { expert, platform, enroll } = await world();
    const own = await bundleFor('p-expert', [expert]);
    const entries = [...(await zipEntries(own.bytes))].map(([name, data]) => ({ name, data }));
    const dirEntry = rawZipBytes([...entries, { name: 'files/' }]);
    const path = await file('dir.qhres', dirEntry);

    expect(await platform.intake.acceptBundle(dirEntry)).toMatchObject({
      status: 422,
      code: 'zip-directory-entry',
    });
    expect(await json([path, ...enroll])).toMatchObject({
      exit: 1,
      answer: { verdict: 'unsafe', code: 'zip-directory-entry' },
    });
  });
});

describe('npm run verify exit codes (0 valid, 1 unsafe or invalid, 2 unreadable or bad usage)', () => {
  it('calls JSON that is not an envelope invalid (exit 1, malformed), not unreadable', async () => {
    const path = await file('not-envelope.json', '{"payloadType": 3}');
    expect(await json([path])).toMatchObject({
      exit: 1,
      answer: { verdict: 'invalid', code: 'malformed' },
    });
  });

  it('calls a missing file and a text file unreadable (exit 2)', async () => {
    expect(await json([join(dir, 'nothing-here.qhres')])).toMatchObject({
      exit: 2,
      answer: { verdict: 'unreadable', code: 'cannot-open' },
    });
    const text = await file('notes.qhpkg', '这不是工作包\n');
    expect(await json([text])).toMatchObject({
      exit: 2,
      answer: { verdict: 'unreadable', code: 'corrupt-archive' },
    });
  });

  it('exits 2 on bad usage and on an enrollment request that does not verify', async () => {
    expect((await run([])).exit).toBe(2);
    expect((await run(['a', 'b'])).exit).toBe(2);
    expect((await run(['a', '--enrollment'])).exit).toBe(2);
    expect((await run(['a', '--what'])).exit).toBe(2);
    const expert = makeSigner();
    const req = JSON.parse((await request(expert, 'p-e', 'expert')).text) as {
      signatures: { sig: string }[];
    };
    req.signatures[0]!.sig = req.signatures[0]!.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const tampered = await file('tampered.json', JSON.stringify(req));
    const bundle = await bundleFor('p-e', [expert]);
    const r = await run([bundle.path, '--enrollment', tampered]);
    expect(r.exit).toBe(2);
    expect(r.out).toContain('注册申请');
  });

  it('prints bidi controls in names visibly in JSON too', async () => {
    const path = await file('a\u202Egpj.qhres', '');
    const { answer } = await json([path]);
    expect(answer.file).toContain('[U+202E]');
    expect(answer.file).not.toContain('\u202E');
    expect(answer.message).not.toContain('\u202E');
  });
});
