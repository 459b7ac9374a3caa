// The intake's housekeeping: an over-limit upload gets a 413 the client reads (and does not
// retry), a redirect is never followed, a burst of uploads gets 503 beyond the cap, crash
// leftovers are removed at start, and accepting a bundle appends one log line instead of
// rewriting the whole state.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadBundle } from '../../../src-main/services/bundles/upload';
import {
  startIntakeServer,
  type RunningIntakeServer,
} from '../../../src-main/services/intake/server';
import {
  dirStorage,
  LOG_FILE,
  STATE_FILE,
  type IntakeChange,
} from '../../../src-main/services/intake/state';
import { tempDir } from '../packages/factory';
import { enrollAt, firstBundle, makePlatform, makeSigner } from '../bundles/factories';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

async function serve(platform: ReturnType<typeof makePlatform>, opts: object = {}) {
  const s: RunningIntakeServer = await startIntakeServer(platform.intake, { port: 0, ...opts });
  cleanups.push(() => s.close());
  return s;
}

async function sentBundle() {
  const platform = makePlatform();
  const signer = makeSigner();
  await enrollAt(platform, signer, 'p-1');
  const bundle = await firstBundle([signer], { profileId: 'p-1' });
  const built = {
    bytes: bundle.bytes,
    sent: {
      bundleId: bundle.manifest.bundleId,
      bundleHash: bundle.bundleHash,
      profileId: 'p-1',
      counter: 1,
      recordIds: bundle.records.map((r) => r.id),
    },
  };
  return { platform, built };
}

function rawPost(url: string, chunks: Buffer[], headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(new URL('/v1/bundles', url), { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('an over-limit upload', () => {
  it('gets 413 from its Content-Length, and the upload client does not retry it', async () => {
    const { platform, built } = await sentBundle();
    const server = await serve(platform, { maxBodyBytes: 1000 });
    const attempts: number[] = [];

    const r = await uploadBundle({
      url: server.url,
      bytes: built.bytes,
      sent: built.sent,
      platformKeys: platform.trust,
      sleep: async () => undefined,
      onAttempt: ({ attempt }) => attempts.push(attempt),
    });

    expect(r).toMatchObject({ ok: false, code: 'rejected:too-large', retryable: false });
    expect(attempts).toEqual([1]);
    expect(platform.storage.bundleFiles.size).toBe(0);
  });

  it('gets 413 when a chunked body without a length passes the limit', async () => {
    const { platform } = await sentBundle();
    const server = await serve(platform, { maxBodyBytes: 64 * 1024 });

    const r = await rawPost(
      server.url,
      Array.from({ length: 8 }, () => Buffer.alloc(16 * 1024, 1)),
      { 'transfer-encoding': 'chunked' },
    );

    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'too-large' });
  });
});

describe('the upload client', () => {
  it('refuses a redirect instead of sending the bundle where it points', async () => {
    const { platform, built } = await sentBundle();
    const real = await serve(platform);
    let redirected = 0;
    const redirector = http.createServer((_req, res) => {
      redirected++;
      res.writeHead(307, { location: `${real.url}/v1/bundles` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => redirector.close(() => r())));
    const { port } = redirector.address() as AddressInfo;

    const r = await uploadBundle({
      url: `http://127.0.0.1:${port}`,
      bytes: built.bytes,
      sent: built.sent,
      platformKeys: platform.trust,
      sleep: async () => undefined,
    });

    expect(r).toMatchObject({ ok: false, code: 'redirect', retryable: false, attempts: 1 });
    expect(redirected).toBe(1);
    expect(platform.storage.bundleFiles.size).toBe(0);
  });
});

describe('concurrent uploads', () => {
  it('answers 503 busy beyond the cap while an upload is still arriving', async () => {
    const { platform, built } = await sentBundle();
    let arrived!: () => void;
    const firstArrived = new Promise<void>((r) => (arrived = r));
    const server = await serve(platform, {
      maxConcurrentUploads: 1,
      faults: (stage: string) => {
        if (stage === 'received') arrived();
        return undefined;
      },
    });
    // The first upload sends half its body and waits.
    const slow = http.request(new URL('/v1/bundles', server.url), {
      method: 'POST',
      headers: { 'content-length': built.bytes.length },
    });
    slow.on('error', () => undefined);
    slow.write(built.bytes.subarray(0, 100));
    await firstArrived;
    // The slot is taken once the server starts receiving; poll until the cap answers.
    let second = await rawPost(server.url, [Buffer.from(built.bytes)]);
    for (let i = 0; i < 50 && second.status !== 503; i++)
      second = await rawPost(server.url, [Buffer.from(built.bytes)]);

    expect(second.status).toBe(503);
    expect(JSON.parse(second.body)).toMatchObject({ code: 'busy' });
    slow.end(built.bytes.subarray(100));
  });
});

describe('intake state on disk', () => {
  const change = (n: number): Extract<IntakeChange, { kind: 'bundle' }> => ({
    kind: 'bundle',
    bundleId: `b-${n}`,
    bundle: {
      bundleHash: n.toString(16).padStart(64, '0'),
      profileId: 'p-1',
      counter: n,
      recordIds: [`rev-${n}`],
      receipt: '{}',
      storedAt: '2026-03-02T10:00:00+08:00',
    },
    chain: { lastCounter: n, lastHash: n.toString(16).padStart(64, '0') },
  });

  it('removes the *.tmp files a crash left behind when it opens', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'bundles'));
    mkdirSync(path.join(dir, 'incoming'));
    writeFileSync(path.join(dir, `${STATE_FILE}.a1b2.tmp`), '{');
    writeFileSync(path.join(dir, 'bundles', 'abc.qhres.c3d4.tmp'), 'x');
    writeFileSync(path.join(dir, 'incoming', 'e5f6.upload.tmp'), 'x');
    writeFileSync(path.join(dir, 'bundles', 'kept.qhres'), 'x');

    const storage = dirStorage(dir);
    await storage.load();

    expect(storage.orphansRemoved()).toBe(3);
    expect(readdirSync(path.join(dir, 'bundles'))).toEqual(['kept.qhres']);
    expect(readdirSync(path.join(dir, 'incoming'))).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('appends one line per bundle and rewrites the snapshot only when it compacts', async () => {
    const dir = folder();
    const storage = dirStorage(dir, { compactEvery: 100 });
    for (let n = 1; n <= 99; n++) await storage.apply(change(n));

    // 99 bundles of history, and no whole-state file written yet: one line each.
    expect(existsSync(path.join(dir, STATE_FILE))).toBe(false);
    const lines = readFileSync(path.join(dir, LOG_FILE), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(99);
    const lineSizes = lines.map((l) => l.length);
    expect(Math.max(...lineSizes) - Math.min(...lineSizes)).toBeLessThan(8);

    await storage.apply(change(100));
    expect(readFileSync(path.join(dir, LOG_FILE), 'utf8')).toBe('');
    await storage.apply(change(101));

    // A restart reads the snapshot and replays the log.
    const reopened = await dirStorage(dir).load();
    expect(Object.keys(reopened.bundles)).toHaveLength(101);
    expect(reopened.chains['p-1']).toEqual(change(101).chain);
  });

  it('ignores a last log line torn by a crash mid-append', async () => {
    const dir = folder();
    const storage = dirStorage(dir);
    await storage.apply(change(1));
    await storage.apply(change(2));
    const log = path.join(dir, LOG_FILE);
    const text = readFileSync(log, 'utf8');
    writeFileSync(log, text.slice(0, text.length - 20));

    const reopened = await dirStorage(dir).load();

    expect(Object.keys(reopened.bundles)).toEqual(['b-1']);
  });
});
