// The sync round trip without React: against a scripted main side and a real (fake-indexeddb)
// Dexie database. Each step ends in one message; a refusal or a cancel changes nothing.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../src-renderer/db/audit';
import { WorkstationDb } from '../../../src-renderer/db/db';
import type { LocalWorkRow } from '../../../src-renderer/db/types';
import {
  exportBundle,
  importReceipt,
  uploadBundle,
  type SyncApi,
  type SyncMessage,
} from '../../../src-renderer/features/sync/syncFlow';
import type { Ask } from '../../../src-renderer/features/sync/PassphraseModal';
import { t } from '../../../src-renderer/app/strings';
import { jobs as contractJobs } from '../../../src-shared/ipc/contract';
import { createJobHub, type JobEvent } from '../../../src-shared/ipc/events';
import { fail, ok, type IpcResult } from '../../../src-shared/ipc/result';
import type {
  SentBundleInfo,
  SyncStatus,
  UploadProgress,
  uploadJob,
} from '../../../src-shared/ipc/sync';

const ME = 'profile-me';
const s = t.sync;
let db: WorkstationDb;
let n = 0;

beforeEach(async () => {
  db = new WorkstationDb(`sync-flow-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function seedReviews(count: number) {
  for (let i = 1; i <= count; i++) {
    const row: LocalWorkRow = {
      id: `rv-${i}`,
      assignmentId: `as-${i}`,
      submissionId: `sub-${i}`,
      profileId: ME,
      total: 20,
      createdAt: new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(),
      syncState: 'pending',
    };
    await db.transaction('rw', db.reviews, db.auditLog, async () => {
      await db.reviews.add(row);
      await appendAudit(db, {
        at: row.createdAt,
        actor: ME,
        action: 'submit',
        entityKind: 'review',
        entityId: row.id,
        payload: row,
      });
    });
  }
}

const states = async () =>
  Object.fromEntries((await db.reviews.toArray()).map((r) => [r.id, r.syncState]));

const SENT: SentBundleInfo = {
  bundleId: 'b-1',
  bundleHash: 'b'.repeat(64),
  counter: 1,
  recordIds: ['rv-1', 'rv-2'],
  createdAt: '2026-03-02T02:00:00.000Z',
};
const RECEIPT = {
  receiptId: 'r-1',
  bundleId: 'b-1',
  counter: 1,
  acceptedRecordIds: ['rv-1', 'rv-2'],
  sentRecordIds: ['rv-1', 'rv-2'],
  alreadyAcknowledged: false,
};

interface Script {
  pending?: SentBundleInfo | null;
  prepare?: IpcResult<SentBundleInfo & { fileName: string }>;
  exportPath?: string | null;
  upload?: IpcResult<{ jobId: string }>;
  /** The upload job's events, played once the flow subscribes. */
  events?: JobEvent<typeof uploadJob>[];
  receipt?: IpcResult<{ path: null } | (typeof RECEIPT & { path: string })>;
}

/** A fake main side for sync: answers from the script and records every call. */
function fakeApi(script: Script = {}) {
  const calls: string[] = [];
  let pending = script.pending ?? null;
  const status = (): SyncStatus => ({ pending, acknowledged: [], nextCounter: 1 });
  const api = {
    status: () => (calls.push('status'), Promise.resolve(ok(status()))),
    prepare: (req: { records: { id: string }[] }) => {
      calls.push(`prepare:${req.records.map((r) => r.id).join(',')}`);
      const r = script.prepare ?? ok({ ...SENT, fileName: 'x.qhres' });
      if (r.ok) pending = r.value;
      return Promise.resolve(r);
    },
    exportPending: (req: { profileName: string }) => {
      calls.push(`exportPending:${req.profileName}`);
      return Promise.resolve(ok({ path: script.exportPath ?? '/out/b.qhres', bundleId: 'b-1' }));
    },
    upload: () => {
      calls.push('upload');
      return Promise.resolve(script.upload ?? ok({ jobId: UPLOAD_JOB }));
    },
    importReceipt: () => {
      calls.push('importReceipt');
      return Promise.resolve(script.receipt ?? ok({ path: null }));
    },
  } as unknown as SyncApi;
  // Main's side of the upload job: its events pass the preload's schema-checking hub.
  const hub = createJobHub(contractJobs, (channel, reason) => {
    throw new Error(`${channel}: ${reason}`);
  });
  const jobs = {
    subscribe: (kind: 'upload', jobId: string, handler: (e: JobEvent) => void) => {
      const stop = hub.subscribe(kind, jobId, handler);
      void (async () => {
        for (const event of script.events ?? [
          { type: 'done', data: { ...RECEIPT, attempts: 1 } },
        ]) {
          await new Promise((r) => setTimeout(r, 0));
          hub.deliver('upload', { jobId: UPLOAD_JOB, event });
        }
      })();
      return stop;
    },
    cancel: (_kind: 'upload', jobId: string) => {
      calls.push(`cancel:${jobId}`);
      return Promise.resolve(ok({ cancelled: true }));
    },
  } as unknown as UploadJobs;
  return { api, jobs, calls };
}

const UPLOAD_JOB = 'f'.repeat(32);
type UploadJobs = Parameters<typeof uploadBundle>[0]['jobs'];

const KEY = { hasKey: true, enrolled: true };
const asks: string[] = [];
/** The passphrase dialog: answers once with `passphrase` (null: the person cancelled). */
const answer =
  (passphrase: string | null): Ask =>
  (prompt, attempt) => {
    asks.push(prompt);
    return passphrase === null ? Promise.resolve(null) : attempt(passphrase);
  };
beforeEach(() => {
  asks.length = 0;
});

describe('export', () => {
  it('signs the pending records after the passphrase, marks them sent, and saves the bundle', async () => {
    await seedReviews(2);
    const { api, calls } = fakeApi();
    const prepared: SyncMessage[] = [];
    const deps = {
      api,
      db,
      profileId: ME,
      profileName: '王建华',
      askPassphrase: answer('secret'),
      onPrepared: (m: SyncMessage) => prepared.push(m),
    };
    const message = await exportBundle(deps, KEY);
    expect(message).toEqual({ kind: 'ok', text: s.exported('/out/b.qhres') });
    expect(prepared).toEqual([{ kind: 'ok', text: s.prepared(1, 2) }]);
    expect(calls).toEqual(['status', 'prepare:rv-1,rv-2', 'exportPending:王建华']);
    expect(asks).toEqual([s.passphraseForBundle]);
    expect(await states()).toEqual({ 'rv-1': 'sent', 'rv-2': 'sent' });
  });

  it('saves the bundle main already holds without signing again', async () => {
    await seedReviews(1);
    const { api, calls } = fakeApi({ pending: SENT });
    const deps = { api, db, profileId: ME, profileName: '王建华', askPassphrase: answer('secret') };
    expect((await exportBundle(deps, KEY)).kind).toBe('ok');
    expect(calls).toEqual(['status', 'exportPending:王建华']);
    expect(asks).toEqual([]);
  });

  it('changes nothing when the passphrase is cancelled or refused', async () => {
    await seedReviews(2);
    const cancelled = fakeApi();
    expect(
      await exportBundle(
        {
          api: cancelled.api,
          db,
          profileId: ME,
          profileName: '王建华',
          askPassphrase: answer(null),
        },
        KEY,
      ),
    ).toEqual({ kind: 'ok', text: s.cancelled });
    expect(cancelled.calls).toEqual(['status']);

    const refused = fakeApi({ prepare: fail('wrong-passphrase', '口令不正确') });
    const message = await exportBundle(
      { api: refused.api, db, profileId: ME, profileName: '王建华', askPassphrase: answer('nope') },
      KEY,
    );
    expect(message).toEqual({
      kind: 'error',
      text: { code: 'wrong-passphrase', message: '口令不正确' },
    });
    expect(refused.calls).not.toContain('exportPending:王建华');
    expect(await states()).toEqual({ 'rv-1': 'pending', 'rv-2': 'pending' });
  });

  it('says there is nothing to send, or that there is no key, without asking for a passphrase', async () => {
    const { api } = fakeApi();
    const deps = { api, db, profileId: ME, profileName: '王建华', askPassphrase: answer('secret') };
    expect(await exportBundle(deps, KEY)).toEqual({ kind: 'error', text: s.nothingToSend });
    await seedReviews(1);
    expect(await exportBundle(deps, { hasKey: false, enrolled: false })).toEqual({
      kind: 'error',
      text: { code: 'no-key', message: '' },
    });
    expect(asks).toEqual([]);
  });
});

describe('upload', () => {
  it('asks for the address and the enrollment before anything is signed', async () => {
    await seedReviews(1);
    const { api, jobs, calls } = fakeApi();
    const deps = {
      api,
      jobs,
      db,
      profileId: ME,
      profileName: '王建华',
      askPassphrase: answer('secret'),
    };
    expect(await uploadBundle({ ...deps, url: '' }, KEY)).toEqual({
      kind: 'error',
      text: s.urlMissing,
    });
    expect(
      await uploadBundle({ ...deps, url: 'https://p.example' }, { hasKey: true, enrolled: false }),
    ).toEqual({ kind: 'error', text: { code: 'not-enrolled', message: '' } });
    expect(calls).toEqual([]);
  });

  it('follows the job: passes each try on, then applies the receipt main verified', async () => {
    await seedReviews(2);
    const waiting: UploadProgress = {
      active: true,
      attempt: 1,
      maxAttempts: 6,
      lastError: { code: 'http-500', message: '平台暂时无法处理' },
      nextRetryAt: '2026-03-02T02:00:05.000Z',
    };
    const seen: UploadProgress[] = [];
    const { api, jobs } = fakeApi({
      events: [
        { type: 'progress', data: waiting },
        { type: 'done', data: { ...RECEIPT, attempts: 2 } },
      ],
    });
    const message = await uploadBundle(
      {
        api,
        jobs,
        db,
        profileId: ME,
        profileName: '王建华',
        askPassphrase: answer('secret'),
        url: 'https://p.example',
        onProgress: (p) => seen.push(p),
      },
      KEY,
    );
    expect(message).toEqual({ kind: 'ok', text: s.uploaded(2, 2) });
    expect(seen).toEqual([waiting]);
    expect(await states()).toEqual({ 'rv-1': 'acknowledged', 'rv-2': 'acknowledged' });
  });

  it('shows a failed upload with its hint and leaves the records sent', async () => {
    await seedReviews(1);
    const { api, jobs } = fakeApi({
      prepare: ok({ ...SENT, recordIds: ['rv-1'], fileName: 'x.qhres' }),
      events: [{ type: 'failed', error: { code: 'http-500', message: '已重试 6 次' } }],
    });
    const message = await uploadBundle(
      {
        api,
        jobs,
        db,
        profileId: ME,
        profileName: '王建华',
        askPassphrase: answer('secret'),
        url: 'https://p.example',
      },
      KEY,
    );
    expect(message).toEqual({
      kind: 'error',
      text: { code: 'http-500', message: '已重试 6 次' },
    });
    expect(await states()).toEqual({ 'rv-1': 'sent' });
  });

  it('hands out a cancel for the running job and ends with 已取消上传 when main stops it', async () => {
    await seedReviews(1);
    const { api, jobs, calls } = fakeApi({
      prepare: ok({ ...SENT, recordIds: ['rv-1'], fileName: 'x.qhres' }),
      events: [{ type: 'failed', error: { code: 'cancelled', message: '已取消上传' } }],
    });
    const message = await uploadBundle(
      {
        api,
        jobs,
        db,
        profileId: ME,
        profileName: '王建华',
        askPassphrase: answer('secret'),
        url: 'https://p.example',
        onStarted: (cancel) => cancel(),
      },
      KEY,
    );
    expect(message).toEqual({ kind: 'ok', text: s.uploadCancelled });
    expect(calls).toContain(`cancel:${UPLOAD_JOB}`);
  });
});

describe('receipt', () => {
  it('applies a verified receipt, and says so when it was imported before', async () => {
    await seedReviews(2);
    // The records went out in bundle b-1 (markSent's part is tested in syncStore.test.ts).
    await db.reviews.toCollection().modify({ syncState: 'sent' });
    const { api } = fakeApi({ receipt: ok({ ...RECEIPT, path: '/in/r.json' }) });
    expect(await importReceipt({ api, db, profileId: ME })).toEqual({
      kind: 'ok',
      text: s.receiptApplied(2),
    });
    const again = fakeApi({
      receipt: ok({ ...RECEIPT, alreadyAcknowledged: true, path: '/in/r.json' }),
    });
    expect(await importReceipt({ api: again.api, db, profileId: ME })).toEqual({
      kind: 'ok',
      text: s.receiptAgain,
    });
  });

  it('reports a cancelled dialog and an unexpected throw as messages, never as a throw', async () => {
    const { api } = fakeApi();
    expect(await importReceipt({ api, db, profileId: ME })).toEqual({
      kind: 'ok',
      text: s.cancelled,
    });
    const broken = {
      ...api,
      importReceipt: () => Promise.reject(new Error('connection lost')),
    } as SyncApi;
    expect(await importReceipt({ api: broken, db, profileId: ME })).toEqual({
      kind: 'error',
      text: s.unexpected('connection lost'),
    });
  });
});
