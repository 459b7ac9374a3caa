import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import { keysChannels } from '../../../src-shared/ipc/keys';
import { syncChannels, type ReceiptOutcome, type SyncStatus } from '../../../src-shared/ipc/sync';
import { keysHandlers } from '../../../src-main/ipc/keys';
import { syncHandlers } from '../../../src-main/ipc/sync';
import { generateSigningKey, signEnvelope } from '../../../src-main/services/crypto/ed25519';
import {
  startIntakeServer,
  type FaultAction,
  type RunningIntakeServer,
} from '../../../src-main/services/intake/server';
import { caller, expectOk, FAST_SCRYPT, makeContext, NOW } from '../keys/handlerContext';
import { makePlatform, makeReviews, type TestPlatform } from './factories';
import { recordedEvents } from '../../doubles/events';
import type { UploadProgress } from '../../../src-shared/ipc/sync';

const PROFILE = { id: 'p-expert-1', name: '王建华', role: 'expert' as const, district: '海淀区' };
const PASS = 'correct horse battery';
const HEAD = { seq: 3, hash: 'a'.repeat(64) };

let server: RunningIntakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(opts: { enroll?: boolean; onSleep?: () => Promise<void> } = {}) {
  const events = recordedEvents();
  const ctx = { ...(await makeContext()), sendEvent: events.send };
  const options = {
    scrypt: FAST_SCRYPT,
    now: () => NOW,
    retry: { sleep: () => opts.onSleep?.() ?? Promise.resolve(), baseDelayMs: 5, maxAttempts: 4 },
  };
  const call = caller(
    { keys: keysChannels, sync: syncChannels },
    { keys: keysHandlers(ctx, options), sync: syncHandlers(ctx, options) },
  );
  const platform = makePlatform(() => NOW);
  expectOk(await call('keys:create', { profileId: PROFILE.id, passphrase: PASS }));
  if (opts.enroll !== false) {
    const reqFile = path.join(ctx.tmp, 'request.json');
    ctx.dialogs.answerNextSave(reqFile);
    expectOk(await call('keys:exportEnrollmentRequest', { profile: PROFILE, passphrase: PASS }));
    const enrolled = await platform.intake.enroll(await readFile(reqFile));
    if (!enrolled.ok) throw new Error(enrolled.message);
    const replyFile = path.join(ctx.tmp, 'reply.json');
    await writeFile(replyFile, enrolled.replyText);
    ctx.dialogs.answerNextOpen(replyFile);
    expectOk(await call('keys:importEnrollmentReply', { profileId: PROFILE.id }));
  }
  return { ctx, call, platform, events };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const prepare = (s: Setup, records = makeReviews(3), passphrase = PASS) =>
  s.call<{ bundleId: string; counter: number; recordIds: string[] }>('sync:prepare', {
    profileId: PROFILE.id,
    passphrase,
    records,
    auditLogHead: HEAD,
    workPackageIds: ['pkg-demo'],
  });

async function exportBundle(s: Setup): Promise<Uint8Array> {
  const file = path.join(s.ctx.tmp, `bundle-${Date.now()}.qhres`);
  s.ctx.dialogs.answerNextSave(file);
  expectOk(
    await s.call('sync:exportPending', { profileId: PROFILE.id, profileName: PROFILE.name }),
  );
  return new Uint8Array(await readFile(file));
}

async function importReceiptText(s: Setup, text: string) {
  const file = path.join(s.ctx.tmp, 'receipt.json');
  await writeFile(file, text);
  s.ctx.dialogs.answerNextOpen(file);
  return s.call<ReceiptOutcome & { path: string }>('sync:importReceipt', { profileId: PROFILE.id });
}

const status = async (s: Setup) =>
  expectOk(await s.call<SyncStatus>('sync:status', { profileId: PROFILE.id }));

async function platformReceipt(platform: TestPlatform, bytes: Uint8Array): Promise<string> {
  const accepted = await platform.intake.acceptBundle(bytes);
  if (!accepted.ok) throw new Error(accepted.message);
  return accepted.receiptText;
}

describe('sync IPC: bundle out by file, receipt back by file', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });

  it('signs a bundle, exports its exact bytes, and acknowledges only from the verified receipt', async () => {
    expect(await status(s)).toEqual({ pending: null, acknowledged: [], nextCounter: 1 });
    const prepared = expectOk(await prepare(s));
    expect(prepared).toMatchObject({ counter: 1, recordIds: ['rev-1', 'rev-2', 'rev-3'] });
    expect((await status(s)).pending).toMatchObject({ bundleId: prepared.bundleId, counter: 1 });

    const bytes = await exportBundle(s);
    // Named for the person, the Beijing day and main's outbox counter, never a UUID.
    expect(s.ctx.dialogs.asked.at(-1)?.defaultName).toBe('结果包_王建华_2026-03-02_第1号.qhres');
    // The platform verifies the exported file with the same code the intake runs.
    const receiptText = await platformReceipt(s.platform, bytes);
    const outcome = expectOk(await importReceiptText(s, receiptText));
    expect(outcome).toMatchObject({
      bundleId: prepared.bundleId,
      counter: 1,
      acceptedRecordIds: ['rev-1', 'rev-2', 'rev-3'],
      sentRecordIds: ['rev-1', 'rev-2', 'rev-3'],
      alreadyAcknowledged: false,
    });
    const after = await status(s);
    expect(after.pending).toBeNull();
    expect(after.nextCounter).toBe(2);
    expect(after.acknowledged).toHaveLength(1);

    // Importing the same receipt again is harmless and still names the records (recovery).
    const again = expectOk(await importReceiptText(s, receiptText));
    expect(again).toMatchObject({
      alreadyAcknowledged: true,
      acceptedRecordIds: outcome.acceptedRecordIds,
    });

    // The next bundle chains on the acknowledged one, and its suggested name says 第2号.
    expect(expectOk(await prepare(s, makeReviews(1, 10)))).toMatchObject({ counter: 2 });
    await exportBundle(s);
    expect(s.ctx.dialogs.asked.at(-1)?.defaultName).toBe('结果包_王建华_2026-03-02_第2号.qhres');
  });

  it('keeps one pending bundle: a second prepare is refused until its receipt arrives', async () => {
    expectOk(await prepare(s));
    expect(await prepare(s, makeReviews(1, 7))).toMatchObject({
      ok: false,
      error: { code: 'bundle-pending' },
    });
  });

  it('refuses a wrong passphrase and an empty bundle, leaving nothing pending', async () => {
    expect(await prepare(s, makeReviews(2), 'wrong passphrase')).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase', field: 'passphrase' },
    });
    expect(await prepare(s, [])).toMatchObject({ ok: false, error: { code: 'nothing-to-send' } });
    expect((await status(s)).pending).toBeNull();
    expect(
      await s.call('sync:exportPending', { profileId: PROFILE.id, profileName: PROFILE.name }),
    ).toMatchObject({
      ok: false,
      error: { code: 'nothing-pending' },
    });
  });

  it('refuses a tampered receipt and one signed by an unknown key, changing nothing', async () => {
    expectOk(await prepare(s));
    const receiptText = await platformReceipt(s.platform, await exportBundle(s));
    const env = JSON.parse(receiptText) as { payload: string; signatures: { sig: string }[] };
    const receipt = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as {
      acceptedRecordIds: string[];
    };
    receipt.acceptedRecordIds = ['rev-1'];
    const tampered = JSON.stringify({
      ...env,
      payload: Buffer.from(JSON.stringify(receipt)).toString('base64'),
    });
    const r1 = await importReceiptText(s, tampered);
    expect(r1).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    if (!r1.ok) expect(r1.error.message).toContain('receipt.json');

    const forged = JSON.stringify(
      signEnvelope(PAYLOAD_TYPES.receipt, Buffer.from(JSON.stringify(receipt)), [
        generateSigningKey(),
      ]),
    );
    expect(await importReceiptText(s, forged)).toMatchObject({
      ok: false,
      error: { code: 'unknown-key' },
    });
    const st = await status(s);
    expect(st.pending).not.toBeNull();
    expect(st.acknowledged).toEqual([]);
  });

  it('treats cancelled dialogs as no change', async () => {
    expectOk(await prepare(s));
    expect(
      expectOk(
        await s.call('sync:exportPending', { profileId: PROFILE.id, profileName: PROFILE.name }),
      ),
    ).toMatchObject({
      path: null,
    });
    expect(expectOk(await s.call('sync:importReceipt', { profileId: PROFILE.id }))).toEqual({
      path: null,
    });
    expect((await status(s)).pending).not.toBeNull();
  });
});

describe('sync IPC: before enrollment', () => {
  it('signs bundles but cannot check receipts or upload, and says why before any dialog', async () => {
    const s = await setup({ enroll: false });
    expectOk(await prepare(s));
    expect(await s.call('sync:importReceipt', { profileId: PROFILE.id })).toMatchObject({
      ok: false,
      error: { code: 'not-enrolled' },
    });
    expect(
      await s.call('sync:upload', { profileId: PROFILE.id, url: 'http://127.0.0.1:9' }),
    ).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
    expect(s.ctx.dialogs.asked.filter((d) => d.kind === 'open')).toEqual([]);
  });
});

describe('sync IPC: platform URL and upload', () => {
  it('accepts HTTPS and loopback HTTP only', async () => {
    const s = await setup({ enroll: false });
    expect(
      expectOk(await s.call('sync:checkUrl', { url: ' https://platform.example/qh ' })),
    ).toEqual({ url: 'https://platform.example/qh' });
    expectOk(await s.call('sync:checkUrl', { url: 'http://127.0.0.1:8080' }));
    for (const url of ['http://platform.example', 'ftp://x', 'not a url']) {
      expect(await s.call('sync:checkUrl', { url })).toMatchObject({
        ok: false,
        error: { code: 'invalid-url', field: 'url' },
      });
    }
    expect(
      await s.call('sync:upload', { profileId: PROFILE.id, url: 'http://platform.example' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
  });

  it('uploads over loopback HTTP through server faults, reporting each try by events, then applies the receipt', async () => {
    // While the client waits between tries, the page has been told the try failed and when the
    // next one starts (progress events are sent at most every 100 ms, so each wait waits for it).
    const seen: UploadProgress[] = [];
    let waits = 0;
    const s: Setup = await setup({
      onSleep: () => {
        waits += 1;
        return vi.waitFor(() => expect(seen.at(-1)?.attempt).toBe(waits), { timeout: 5000 });
      },
    });
    let faults = 2;
    server = await startIntakeServer(s.platform.intake, {
      port: 0,
      faults: (stage, route): FaultAction =>
        route === '/v1/bundles' && stage === 'received' && faults-- > 0 ? 'error500' : undefined,
    });
    const prepared = expectOk(await prepare(s));
    const { jobId } = expectOk(
      await s.call<{ jobId: string }>('sync:upload', { profileId: PROFILE.id, url: server.url }),
    );
    const end = await s.events.until('upload', jobId, (p) => seen.push(p));
    expect(seen.filter((p) => p.lastError)).toMatchObject([
      {
        active: true,
        attempt: 1,
        lastError: { code: 'http-500' },
        nextRetryAt: expect.any(String),
      },
      {
        active: true,
        attempt: 2,
        lastError: { code: 'http-500' },
        nextRetryAt: expect.any(String),
      },
    ]);
    expect(end).toMatchObject({
      type: 'done',
      data: {
        bundleId: prepared.bundleId,
        acceptedRecordIds: prepared.recordIds,
        attempts: 3,
        alreadyAcknowledged: false,
      },
    });
    expect(await s.platform.intake.acknowledgedRecordIds(PROFILE.id)).toEqual(prepared.recordIds);
    expect((await status(s)).pending).toBeNull();
    const again = expectOk(
      await s.call<{ jobId: string }>('sync:upload', { profileId: PROFILE.id, url: server.url }),
    );
    expect(await s.events.until('upload', again.jobId)).toMatchObject({
      type: 'failed',
      error: { code: 'nothing-pending' },
    });
  });

  it('gives up after the retries with the bundle kept for later', async () => {
    const s = await setup();
    server = await startIntakeServer(s.platform.intake, {
      port: 0,
      faults: () => 'error500',
    });
    expectOk(await prepare(s));
    const { jobId } = expectOk(
      await s.call<{ jobId: string }>('sync:upload', { profileId: PROFILE.id, url: server.url }),
    );
    const end = await s.events.until('upload', jobId);
    expect(end).toMatchObject({ type: 'failed', error: { code: 'http-500' } });
    if (end.type === 'failed') expect(end.error.message).toContain('已重试 4 次');
    expect((await status(s)).pending).not.toBeNull();
  });

  it('runs one upload per profile at a time, and a cancel stops it with the bundle kept', async () => {
    let release!: () => void;
    const s: Setup = await setup({
      onSleep: () => new Promise<void>((r) => (release = r)),
    });
    server = await startIntakeServer(s.platform.intake, { port: 0, faults: () => 'error500' });
    expectOk(await prepare(s));
    const { jobId } = expectOk(
      await s.call<{ jobId: string }>('sync:upload', { profileId: PROFILE.id, url: server.url }),
    );
    const ended = s.events.until('upload', jobId);
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    expect(await s.call('sync:upload', { profileId: PROFILE.id, url: server.url })).toMatchObject({
      ok: false,
      error: { code: 'upload-running' },
    });
    expect(expectOk(await s.call('sync:cancelUpload', { jobId }))).toEqual({ cancelled: true });
    expect(await ended).toMatchObject({ type: 'failed', error: { code: 'cancelled' } });
    expect((await status(s)).pending).not.toBeNull();
    expect(expectOk(await s.call('sync:cancelUpload', { jobId }))).toEqual({ cancelled: false });
  });
});
