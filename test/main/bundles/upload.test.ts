import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptReceipt, prepareBundle } from '../../../src-main/services/bundles/outbox';
import { syncPendingBundle, uploadBundle } from '../../../src-main/services/bundles/upload';
import {
  startIntakeServer,
  type FaultAction,
  type FaultStage,
  type RunningIntakeServer,
} from '../../../src-main/services/intake/server';
import { enrollAt, makePlatform, makeReviews, makeSigner, type TestPlatform } from './factories';
import type { Signer } from '../../../src-main/services/keys/signer';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

const servers: RunningIntakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Faults fire in order, one per matching request; afterwards the intake behaves. */
function scripted(faults: Array<[FaultStage, Exclude<FaultAction, undefined>]>) {
  const queue = [...faults];
  return (stage: FaultStage): FaultAction => {
    const next = queue[0];
    if (next && next[0] === stage) {
      queue.shift();
      return next[1];
    }
    return undefined;
  };
}

async function station() {
  const platform = makePlatform();
  const signer = makeSigner();
  await enrollAt(platform, signer, 'p-1');
  const dir = await temp.make('qh-sync-');
  return { platform, signer, dir };
}

async function serve(platform: TestPlatform, faults?: ReturnType<typeof scripted>, port = 0) {
  const s = await startIntakeServer(platform.intake, { port, ...(faults ? { faults } : {}) });
  servers.push(s);
  return s;
}

const noSleep = async () => undefined;

async function sendRecords(dir: string, signer: Signer, from: number, count: number) {
  const r = await prepareBundle(
    { dir, profileId: 'p-1', records: makeReviews(count, from), auditLogHead: null },
    [signer],
  );
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('upload with faults', () => {
  const cases: Array<[string, Array<[FaultStage, Exclude<FaultAction, undefined>]>]> = [
    ['drops the connection before reading the upload', [['received', 'drop']]],
    ['drops the connection after reading the upload', [['body-read', 'drop']]],
    ['drops the connection after storing, before answering', [['processed', 'drop']]],
    ['cuts the receipt off half way', [['processed', 'truncate']]],
    ['answers 500 before reading', [['received', 'error500']]],
    ['answers 500 after storing', [['processed', 'error500']]],
    [
      'fails at every stage in turn',
      [
        ['received', 'drop'],
        ['body-read', 'error500'],
        ['processed', 'drop'],
        ['processed', 'truncate'],
      ],
    ],
  ];

  it.each(cases)(
    'acknowledges every record exactly once when the intake %s',
    async (_name, faults) => {
      const { platform, signer, dir } = await station();
      const server = await serve(platform, scripted(faults));
      await sendRecords(dir, signer, 1, 3);
      const delays: number[] = [];
      const r = await syncPendingBundle({
        dir,
        profileId: 'p-1',
        url: server.url,
        platformKeys: platform.trust,
        maxAttempts: 6,
        sleep: async (ms) => {
          delays.push(ms);
        },
      });
      expect(r).toMatchObject({ ok: true, newlyAcknowledged: ['rev-1', 'rev-2', 'rev-3'] });
      expect(delays).toHaveLength(faults.length);
      expect(await platform.intake.acknowledgedRecordIds('p-1')).toEqual([
        'rev-1',
        'rev-2',
        'rev-3',
      ]);
      expect(platform.storage.bundleFiles.size).toBe(1);
    },
  );

  it('backs off exponentially between attempts and gives up after the bounded number, keeping the bundle pending', async () => {
    const { platform, signer, dir } = await station();
    const server = await serve(platform, () => 'error500');
    await sendRecords(dir, signer, 1, 1);
    const delays: number[] = [];
    const r = await syncPendingBundle({
      dir,
      profileId: 'p-1',
      url: server.url,
      platformKeys: platform.trust,
      maxAttempts: 4,
      baseDelayMs: 100,
      random: () => 1,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(r).toMatchObject({ ok: false, code: 'http-500', retryable: true });
    // In the person's words; the status is the code, which the screen keeps behind 详情.
    if (!r.ok) {
      expect(r.message).toBe('管理平台暂时无法处理，已重试 4 次。结果包已保存，稍后可继续上传。');
      expect(r.message).not.toMatch(/HTTP|\d{3}/);
    }
    expect(delays).toEqual([100, 200, 400]);
    const again = await prepareBundle(
      { dir, profileId: 'p-1', records: makeReviews(1, 5), auditLogHead: null },
      [signer],
    );
    expect(again).toMatchObject({ ok: false, code: 'bundle-pending' });
  });

  it('resumes after the intake was down for a while and then comes up on the same port', async () => {
    const { platform, signer, dir } = await station();
    const probe = http.createServer();
    await new Promise<void>((res) => probe.listen(0, '127.0.0.1', res));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((res) => probe.close(() => res()));
    await sendRecords(dir, signer, 1, 2);
    let sleeps = 0;
    const r = await syncPendingBundle({
      dir,
      profileId: 'p-1',
      url: `http://127.0.0.1:${port}`,
      platformKeys: platform.trust,
      maxAttempts: 6,
      sleep: async () => {
        sleeps++;
        if (sleeps === 3) await serve(platform, undefined, port);
      },
    });
    expect(r).toMatchObject({ ok: true, newlyAcknowledged: ['rev-1', 'rev-2'] });
    expect(sleeps).toBe(3);
  });

  it('acknowledges once when the intake answers the same bundle twice', async () => {
    const { platform, signer, dir } = await station();
    const server = await serve(platform);
    const built = await sendRecords(dir, signer, 1, 2);
    const sent = {
      bundleId: built.manifest.bundleId,
      bundleHash: built.bundleHash,
      profileId: 'p-1',
      counter: 1,
      recordIds: ['rev-1', 'rev-2'],
    };
    const answers = await Promise.all(
      [1, 2].map(() =>
        uploadBundle({
          url: server.url,
          bytes: built.bytes,
          sent,
          platformKeys: platform.trust,
          sleep: noSleep,
        }),
      ),
    );
    const acked: string[] = [];
    for (const a of answers) {
      if (!a.ok) throw new Error(a.message);
      const r = await acceptReceipt({
        dir,
        profileId: 'p-1',
        text: a.receiptText,
        platformKeys: platform.trust,
      });
      if (!r.ok) throw new Error(r.message);
      acked.push(...r.newlyAcknowledged);
    }
    expect(acked).toEqual(['rev-1', 'rev-2']);
    expect(platform.storage.bundleFiles.size).toBe(1);
  });

  it('loses nothing across several bundles with faults scattered over them', async () => {
    const { platform, signer, dir } = await station();
    let n = 0;
    const pattern: FaultAction[] = [
      'drop',
      undefined,
      'error500',
      'truncate',
      undefined,
      undefined,
      'drop',
    ];
    const server = await serve(platform, (stage) =>
      stage === 'processed' ? pattern[n++ % pattern.length] : undefined,
    );
    const acknowledged: string[] = [];
    for (let b = 0; b < 5; b++) {
      await sendRecords(dir, signer, b * 4 + 1, 4);
      const r = await syncPendingBundle({
        dir,
        profileId: 'p-1',
        url: server.url,
        platformKeys: platform.trust,
        maxAttempts: 8,
        sleep: noSleep,
      });
      if (!r.ok || !('newlyAcknowledged' in r)) throw new Error(JSON.stringify(r));
      acknowledged.push(...r.newlyAcknowledged);
    }
    const all = makeReviews(20).map((x) => x.id);
    expect(acknowledged).toEqual(all);
    expect(await platform.intake.acknowledgedRecordIds('p-1')).toEqual(all);
    expect(platform.storage.bundleFiles.size).toBe(5);
  });

  it('reports a rejection in Chinese without retrying', async () => {
    const { platform, dir } = await station();
    const server = await serve(platform);
    const stranger = makeSigner();
    await sendRecords(dir, stranger, 1, 1);
    let sleeps = 0;
    const r = await syncPendingBundle({
      dir,
      profileId: 'p-1',
      url: server.url,
      platformKeys: platform.trust,
      sleep: async () => void sleeps++,
    });
    expect(r).toMatchObject({ ok: false, code: 'rejected:unknown-key', retryable: false });
    if (!r.ok) expect(r.message).toContain('拒收');
    expect(sleeps).toBe(0);
  });

  it('refuses success when the answer is a receipt signed by a key that is not pinned', async () => {
    const { platform, signer, dir } = await station();
    const server = await serve(platform);
    await sendRecords(dir, signer, 1, 1);
    const other = makeSigner();
    const r = await syncPendingBundle({
      dir,
      profileId: 'p-1',
      url: server.url,
      platformKeys: new Map([[other.keyid, other.publicKeyRaw]]),
      sleep: noSleep,
    });
    expect(r).toMatchObject({ ok: false, code: 'receipt:unknown-key', retryable: false });
  });
});

describe('platform address', () => {
  it('refuses plain HTTP to anything but this machine and accepts HTTPS', async () => {
    const { checkPlatformUrl } = await import('../../../src-main/services/bundles/upload');
    expect(checkPlatformUrl('http://platform.example.cn/qihang')).toMatchObject({
      ok: false,
      code: 'invalid-url',
    });
    expect(checkPlatformUrl('not a url')).toMatchObject({ ok: false, code: 'invalid-url' });
    expect(checkPlatformUrl('https://platform.example.cn/qihang')).toEqual({ ok: true });
    expect(checkPlatformUrl('http://127.0.0.1:8080')).toEqual({ ok: true });
  });
});
