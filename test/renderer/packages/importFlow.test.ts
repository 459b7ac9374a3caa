// The renderer's import flow against a scripted main side: progress views, the Dexie write,
// cancel at each step, the chunked upload of a dropped file, and errors that change nothing.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobs as contractJobs } from '../../../src-shared/ipc/contract';
import { createJobHub } from '../../../src-shared/ipc/events';
import type { ImportStatus, PagedTable, VerifiedPackage } from '../../../src-shared/ipc/packages';
import {
  IMPORT_PAGE_CHARS,
  IMPORT_PAGE_ROWS,
  importHeadOf,
  packagesChannels,
  pagedRowsOf,
  pagedTables,
  UPLOAD_CHUNK_BYTES,
} from '../../../src-shared/ipc/packages';
import { pageOf } from '../../../src-main/services/packages/jobs';
import { fail, ok, type IpcResult } from '../../../src-shared/ipc/result';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { importVerifiedPackage, WRITE_CHUNK } from '../../../src-renderer/db/importPackage';
import {
  checkDropped,
  ImportControl,
  paceRowProgress,
  runImport,
  toBase64,
  type ImportView,
  type JobEvents,
  type PackagesApi,
  untrustedHints,
} from '../../../src-renderer/features/packages/importFlow';
import { t } from '../../../src-renderer/app/strings';
import { explainError } from '../../../src-renderer/components/errorText';
import { makeManifest, makeRecords, makeVerifiedPackage } from '../../fixtures/records';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`import-flow-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const JOB = '0123456789abcdef0123456789abcdef';
const importer = { profileId: 'p-1', demo: true };

/**
 * A status main reports; a 'done' one names the result takeImportResult (its head) and
 * takeImportRows (its pages) then hand over.
 */
type Script = (Partial<ImportStatus> & { result?: VerifiedPackage })[];

/** A status as main's packages handler reports it: progress, or the end (done / failed). */
function asEvent(status: ImportStatus) {
  const { error, ...progress } = status;
  if (status.phase === 'done') return { type: 'done', data: progress };
  if (status.phase === 'failed' || status.phase === 'cancelled')
    return { type: 'failed', error: error ?? { code: 'unknown', message: '?' } };
  return { type: 'progress', data: progress };
}

/**
 * A fake main side: chooseAndOpen answers `dialog`; once the flow subscribes to the job, its
 * events walk through `statuses`, each through the preload's schema-checking hub.
 */
function fakeApi(
  statuses: Script,
  opts: {
    dialog?: IpcResult<{ jobId: string | null }>;
    onStatus?: (i: number) => void;
    /** Answers page `n` (0-based) with this instead, e.g. the job forgotten mid-way. */
    pageFails?: { at: number; error: { code: string; message: string } };
  } = {},
) {
  const calls: { method: string; req: unknown }[] = [];
  const chunks: { offset: number; data: string }[] = [];
  /** Every event and answer main sent, by size: what crossed the IPC. */
  const sent: { method: string; bytes: number }[] = [];
  let ready: VerifiedPackage | null = null;
  /** The result whose head was taken, until its last page (as main forgets it then). */
  let handing: VerifiedPackage | null = null;
  let pages = 0;
  const record = (method: string, req: unknown) => calls.push({ method, req });
  const hub = createJobHub(contractJobs, (channel, reason) => {
    throw new Error(`${channel}: ${reason}`);
  });
  const status = (s: Partial<ImportStatus>): ImportStatus => ({
    jobId: JOB,
    fileName: 'pkg.qhpkg',
    phase: 'signature',
    done: 0,
    total: 0,
    ...s,
  });
  const play = async () => {
    for (const [i, { result, ...s }] of statuses.entries()) {
      await new Promise((r) => setTimeout(r, 0));
      opts.onStatus?.(i);
      if (result) ready = result;
      const message = { jobId: JOB, event: asEvent(status(s)) };
      sent.push({ method: 'job:import', bytes: JSON.stringify(message).length });
      hub.deliver('import', message);
    }
  };
  const jobs: JobEvents = {
    subscribe: (kind, jobId, handler) => {
      const stop = hub.subscribe(kind, jobId, handler as never);
      void play();
      return stop;
    },
  };
  const api = {
    loadDemo: () => Promise.resolve(fail('x', 'x')),
    chooseAndOpen: (req: unknown) => {
      record('chooseAndOpen', req);
      return Promise.resolve(opts.dialog ?? ok({ jobId: JOB }));
    },
    beginUpload: (req: unknown) => (
      record('beginUpload', req),
      Promise.resolve(ok({ jobId: JOB }))
    ),
    uploadChunk: (req: { offset: number; data: string }) => {
      record('uploadChunk', req);
      chunks.push(req);
      return Promise.resolve(ok({ received: req.offset }));
    },
    finishUpload: (req: unknown) => (
      record('finishUpload', req),
      Promise.resolve(ok({ jobId: JOB }))
    ),
    takeImportResult: (req: unknown) => {
      record('takeImportResult', req);
      // As main: the head once, checked by the channel's schema like every answer.
      const answer = ready
        ? ok(packagesChannels.takeImportResult.response.parse(importHeadOf(ready)))
        : fail('unknown-job', '找不到这个导入任务');
      handing = ready;
      ready = null;
      sent.push({ method: 'takeImportResult', bytes: JSON.stringify(answer).length });
      return Promise.resolve(answer);
    },
    takeImportRows: (req: { table: PagedTable; offset: number; limit: number }) => {
      record('takeImportRows', req);
      const n = pages++;
      if (opts.pageFails?.at === n) {
        handing = null;
        const { code, message } = opts.pageFails.error;
        return Promise.resolve(fail(code, message));
      }
      if (!handing) return Promise.resolve(fail('unknown-job', '找不到这个导入任务'));
      // As main: a bounded page (main's own pageOf); after the last one the job is forgotten.
      const all = pagedRowsOf(handing, req.table);
      const rows = pageOf(all, req.offset, req.limit);
      const later = pagedTables.slice(pagedTables.indexOf(req.table) + 1);
      const done =
        req.offset + rows.length >= all.length &&
        later.every((t) => pagedRowsOf(handing!, t).length === 0);
      if (done) handing = null;
      const answer = ok(
        packagesChannels.takeImportRows.response.parse({ table: req.table, rows, done }),
      );
      sent.push({ method: 'takeImportRows', bytes: JSON.stringify(answer).length });
      return Promise.resolve(answer);
    },
    cancelImport: (req: unknown) => {
      record('cancelImport', req);
      return Promise.resolve(ok({ cancelled: true }));
    },
  } as unknown as PackagesApi;
  return { api, jobs, calls, chunks, sent };
}

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

const pkg = (version = 1, hash = 'a'.repeat(64)): VerifiedPackage =>
  makeVerifiedPackage(
    makeManifest({ version }, makeRecords({ classes: 2, traineesPerClass: 3 })),
    hash,
  );

async function run(
  { api, jobs }: { api: PackagesApi; jobs: JobEvents },
  source = { kind: 'dialog' } as const,
  control = new ImportControl(),
) {
  const views: ImportView[] = [];
  const last = await runImport({ api, jobs, db, importer }, source, control, (v) => views.push(v));
  return { last, views };
}

describe('importing a package chosen in the dialog', () => {
  it('shows signature, file progress and the database write, then the summary', async () => {
    const fake = fakeApi([
      { phase: 'signature' },
      { phase: 'files', done: 10, total: 40, current: 'a.pdf' },
      { phase: 'done', done: 40, total: 40, result: pkg() },
    ]);
    const { last, views } = await run(fake);
    const steps = views.map((v) => (v.step === 'running' ? v.phase : v.step));
    // One 写入 view before the first rows, then one per written slice (each table here).
    expect(steps.filter((s, i) => s !== steps[i - 1])).toEqual([
      'starting',
      'signature',
      'files',
      'writing',
      'finished',
    ]);
    const writing = views.filter((v) => v.step === 'writing');
    const { manifest, files } = pkg();
    const r = manifest.records;
    const rows = [
      ...[r.organizers, r.classes, r.sessions, r.lecturers, r.trainees, r.submissions],
      ...[r.experts, r.panels, r.assignments, r.rubrics, r.certificateNumbers, files],
    ].reduce((n, list) => n + list.length, 0);
    expect(writing.at(-1)).toMatchObject({ done: rows, total: rows });
    expect(last).toMatchObject({
      step: 'finished',
      title: '测试工作包',
      outcome: { kind: 'imported', counts: { classes: 2, trainees: 6, submissions: 6 } },
    });
    expect(await db.trainees.count()).toBe(6);
    expect(fake.calls[0]).toEqual({ method: 'chooseAndOpen', req: { importer } });
    // The head, then each table's rows in order; the last page is what releases the job in
    // main, so no cancel is needed.
    const after = fake.calls.slice(fake.calls.findIndex((c) => c.method === 'takeImportResult'));
    expect(after[0]).toEqual({ method: 'takeImportResult', req: { jobId: JOB } });
    const tables = after.slice(1).map((c) => (c.req as { table: string }).table);
    expect(tables).toEqual(pagedTables.filter((t) => pagedRowsOf(pkg(), t).length > 0));
    expect(after.slice(1).every((c) => c.method === 'takeImportRows')).toBe(true);
    expect(fake.calls.some((c) => c.method === 'cancelImport')).toBe(false);
  });

  it('receives a big verified package in bounded pages, never with a progress event', async () => {
    const big = makeVerifiedPackage(
      makeManifest({}, makeRecords({ classes: 20, traineesPerClass: 500 })),
      'c'.repeat(64),
    );
    const progress = Array.from({ length: 30 }, (_, k) => ({
      phase: 'files' as const,
      done: k,
      total: 30,
      current: `submissions/${k}.pdf`,
    }));
    const fake = fakeApi([...progress, { phase: 'done', result: big }]);
    const { last, views } = await run(fake);
    expect(last.step).toBe('finished');
    expect(await db.trainees.count()).toBe(10_000);
    const resultBytes = JSON.stringify(big).length;
    expect(resultBytes).toBeGreaterThan(2_000_000);
    // No message carries the package: the head is small, each page is bounded by rows and
    // by characters, and the 10,000 trainees took at least two pages.
    const head = fake.sent.find((s) => s.method === 'takeImportResult');
    expect(head?.bytes).toBeLessThan(20_000);
    const pageBytes = fake.sent.filter((s) => s.method === 'takeImportRows').map((s) => s.bytes);
    expect(Math.max(...pageBytes)).toBeLessThan(IMPORT_PAGE_CHARS + 1000);
    const traineePages = fake.calls.filter(
      (c) => (c.req as { table?: string }).table === 'trainees',
    );
    expect(traineePages.length).toBeGreaterThanOrEqual(10_000 / IMPORT_PAGE_ROWS);
    expect(traineePages.map((c) => (c.req as { offset: number }).offset)).toEqual(
      traineePages.map((_, k) => k * IMPORT_PAGE_ROWS),
    );
    const events = fake.sent.filter((s) => s.method === 'job:import');
    expect(events.length).toBe(31);
    expect(Math.max(...events.map((p) => p.bytes))).toBeLessThan(400);
    // Receiving shows up as its own stage, and the bar never moves back across stages.
    const writing = views.filter((v) => v.step === 'writing' && v.share !== undefined);
    expect(writing.some((v) => v.step === 'writing' && v.stage === 'receiving')).toBe(true);
    const shares = writing.map((v) => (v.step === 'writing' ? v.share! : 0));
    expect(shares.every((x, i) => i === 0 || x >= shares[i - 1]!)).toBe(true);
    expect(shares.at(-1)).toBeCloseTo(1);
    // The dialog's line counts rows written: it only grows, up to every row.
    const written = writing.map((v) => (v.step === 'writing' ? (v.written ?? 0) : 0));
    expect(written.every((x, i) => i === 0 || x >= written[i - 1]!)).toBe(true);
    const end = writing.at(-1);
    expect(end?.step === 'writing' && end.written).toBe(end?.step === 'writing' && end.total);
  });

  it('cancelled half-way through an update, keeps the previous version whole', async () => {
    const v1 = makeVerifiedPackage(
      makeManifest({ version: 1 }, makeRecords({ classes: 10, traineesPerClass: 600 })),
      'a'.repeat(64),
    );
    await importVerifiedPackage(db, v1);
    const before = await snapshot();
    const v2 = makeVerifiedPackage(
      makeManifest({ version: 2 }, makeRecords({ classes: 10, traineesPerClass: 700 })),
      'b'.repeat(64),
    );
    const control = new ImportControl();
    const fake = fakeApi([{ phase: 'done', result: v2 }]);
    const views: ImportView[] = [];
    const last = await runImport({ ...fake, db, importer }, { kind: 'dialog' }, control, (v) => {
      views.push(v);
      // Half-way: the old rows are gone inside the transaction and new ones are written.
      if (v.step === 'writing' && v.stage === 'writing' && (v.done ?? 0) > 3000) control.cancel();
    });
    expect(last.step).toBe('cancelled');
    expect(views.some((v) => v.step === 'writing' && v.stage === 'clearing')).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(fake.calls.some((c) => c.method === 'cancelImport')).toBe(true);
  });

  it("stops with main's reason when a page is refused, and writes nothing", async () => {
    const big = makeVerifiedPackage(
      makeManifest({}, makeRecords({ classes: 4, traineesPerClass: 3000 })),
      'e'.repeat(64),
    );
    const error = { code: 'unknown-job', message: '找不到这个导入任务（等待超时）' };
    const fake = fakeApi([{ phase: 'done', result: big }], { pageFails: { at: 3, error } });
    const before = await snapshot();
    const { last } = await run(fake);
    expect(last).toEqual({ step: 'failed', fileName: 'pkg.qhpkg', ...error });
    expect(await snapshot()).toEqual(before);
  });

  it('tells main to forget the rows of a package it did not need to read', async () => {
    await importVerifiedPackage(db, pkg());
    const fake = fakeApi([{ phase: 'done', result: pkg() }]);
    const { last } = await run(fake);
    expect(last).toMatchObject({ outcome: { kind: 'unchanged' } });
    // Only the files were read (where each is found may have changed), then the job dropped.
    const pages = fake.calls.filter((c) => c.method === 'takeImportRows');
    const files = pagedRowsOf(pkg(), 'files').length;
    expect(pages.map((c) => (c.req as { table: string }).table)).toEqual(
      files > 0 ? ['files'] : [],
    );
    expect(fake.calls.at(-1)).toEqual({ method: 'cancelImport', req: { jobId: JOB } });
  });

  it('writes a big package in chunks, reporting each, and still all or nothing', async () => {
    const big = makeVerifiedPackage(
      makeManifest({}, makeRecords({ classes: 5, traineesPerClass: WRITE_CHUNK })),
      'd'.repeat(64),
    );
    // A failure after some chunks were written (and paused between) leaves nothing behind.
    let n = 0;
    await expect(
      importVerifiedPackage(db, big, undefined, () => {
        if (++n === 3) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await db.trainees.count()).toBe(0);
    expect(await db.packages.count()).toBe(0);

    let chunks = 0;
    const outcome = await importVerifiedPackage(db, big, undefined, () => chunks++);
    expect(outcome.kind).toBe('imported');
    expect(await db.trainees.count()).toBe(5 * WRITE_CHUNK);
    // 5 chunks of trainees; every write of more than one chunk pauses between them.
    expect(chunks).toBeGreaterThanOrEqual(5);
  });

  it('says 未作更改 and writes nothing when the same package comes again', async () => {
    await importVerifiedPackage(db, pkg());
    const before = await snapshot();
    const { last } = await run(fakeApi([{ phase: 'done', result: pkg() }]));
    expect(last).toMatchObject({ step: 'finished', outcome: { kind: 'unchanged' } });
    expect(await snapshot()).toEqual(before);
  });

  it('reports an update from version 1 to 2', async () => {
    await importVerifiedPackage(db, pkg());
    const { last } = await run(fakeApi([{ phase: 'done', result: pkg(2, 'b'.repeat(64)) }]));
    expect(last).toMatchObject({ outcome: { kind: 'updated', fromVersion: 1, version: 2 } });
  });

  it('passes a refused package on with its reason and changes nothing', async () => {
    await importVerifiedPackage(db, pkg(3, 'c'.repeat(64)));
    const before = await snapshot();
    const { last } = await run(fakeApi([{ phase: 'done', result: pkg(2, 'b'.repeat(64)) }]));
    expect(last).toMatchObject({ outcome: { kind: 'refused', code: 'older-version' } });
    expect(await snapshot()).toEqual(before);
  });

  it('shows the package error from main and writes nothing', async () => {
    const before = await snapshot();
    const error = {
      code: 'hash-mismatch',
      message: '工作包 “x.qhpkg” 中的文件 “a.pdf” 的 SHA-256 与签名清单不符',
    };
    const { last } = await run(fakeApi([{ phase: 'files' }, { phase: 'failed', error }]));
    expect(last).toEqual({ step: 'failed', fileName: 'pkg.qhpkg', ...error });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the technical detail of a refusal for 详情 (the key id stays out of the sentence)', async () => {
    const error = {
      code: 'untrusted-signer',
      message: '工作包“x.qhpkg”不是由本用户信任的平台密钥签名的，已拒绝',
      detail: '签名密钥：0123456789abcdef',
    };
    const { last } = await run(fakeApi([{ phase: 'files' }, { phase: 'failed', error }]));
    expect(last).toEqual({ step: 'failed', fileName: 'pkg.qhpkg', ...error });
  });

  it('shows a trust failure (no enrollment) before any job exists', async () => {
    const fake = fakeApi([], { dialog: fail('not-enrolled', '尚未登记平台公钥') });
    const { last } = await run(fake);
    expect(last).toEqual({ step: 'failed', code: 'not-enrolled', message: '尚未登记平台公钥' });
  });

  it('treats a closed dialog as cancelled', async () => {
    const { last } = await run(fakeApi([], { dialog: ok({ jobId: null }) }));
    expect(last).toEqual({ step: 'cancelled' });
  });

  it('cancels a running verification in main and ends cancelled, with nothing written', async () => {
    const control = new ImportControl();
    const fake = fakeApi(
      [
        { phase: 'files', done: 1, total: 100 },
        { phase: 'files', done: 2, total: 100 },
        { phase: 'cancelled', error: { code: 'cancelled', message: '已取消' } },
      ],
      { onStatus: (i) => i === 1 && control.cancel() },
    );
    const { last } = await run(fake, { kind: 'dialog' }, control);
    expect(last).toMatchObject({ step: 'cancelled' });
    expect(fake.calls.filter((c) => c.method === 'cancelImport').length).toBeGreaterThan(0);
    expect(await db.packages.count()).toBe(0);
  });

  it('does not write a package whose verification finished just as the user cancelled', async () => {
    const control = new ImportControl();
    const fake = fakeApi([{ phase: 'files' }, { phase: 'done', result: pkg() }], {
      onStatus: (i) => i === 1 && control.cancel(),
    });
    const { last } = await run(fake, { kind: 'dialog' }, control);
    expect(last.step).toBe('cancelled');
    expect(await db.packages.count()).toBe(0);
  });
});

describe('importing a dropped file', () => {
  it('sends the bytes in order, in chunks that decode back to the file', async () => {
    const bytes = new Uint8Array(UPLOAD_CHUNK_BYTES * 2 + 123).map((_, i) => (i * 7) % 251);
    const file = Object.assign(new Blob([bytes]), { name: '海淀.qhpkg' });
    const fake = fakeApi([{ phase: 'done', result: pkg() }]);
    const { last } = await run(fake, { kind: 'file', file } as never);
    expect(last.step).toBe('finished');
    expect(fake.calls[0]).toEqual({
      method: 'beginUpload',
      req: { importer, fileName: '海淀.qhpkg', size: bytes.length },
    });
    expect(fake.chunks.map((c) => c.offset)).toEqual([
      0,
      UPLOAD_CHUNK_BYTES,
      UPLOAD_CHUNK_BYTES * 2,
    ]);
    const joined = fake.chunks.map((c) => atob(c.data)).join('');
    expect(joined.length).toBe(bytes.length);
    // The first differing byte, not a deep equal: that takes half a minute over 2 MB.
    const firstDiff = bytes.findIndex((b, i) => joined.charCodeAt(i) !== b);
    expect(firstDiff).toBe(-1);
    expect(fake.calls.findIndex((c) => c.method === 'finishUpload')).toBeGreaterThan(3);
  });

  it('stops sending chunks when cancelled during the upload', async () => {
    const control = new ImportControl();
    const file = Object.assign(new Blob([new Uint8Array(UPLOAD_CHUNK_BYTES * 3)]), {
      name: 'big.qhpkg',
    });
    const fake = fakeApi([]);
    const upload = fake.api.uploadChunk;
    (fake.api as { uploadChunk: PackagesApi['uploadChunk'] }).uploadChunk = (req) => {
      control.cancel();
      return upload(req);
    };
    const { last } = await run(fake, { kind: 'file', file } as never, control);
    expect(last.step).toBe('cancelled');
    expect(fake.calls.filter((c) => c.method === 'uploadChunk')).toHaveLength(1);
    expect(fake.calls.some((c) => c.method === 'finishUpload')).toBe(false);
    expect(fake.calls.some((c) => c.method === 'cancelImport')).toBe(true);
  });

  it('ends cancelled at once while main is still writing a chunk', async () => {
    const control = new ImportControl();
    const file = Object.assign(new Blob([new Uint8Array(UPLOAD_CHUNK_BYTES * 3)]), {
      name: 'big.qhpkg',
    });
    const fake = fakeApi([]);
    // The first chunk's answer never comes (a stalled disk in main).
    (fake.api as { uploadChunk: PackagesApi['uploadChunk'] }).uploadChunk = () => {
      control.cancel();
      return new Promise(() => {});
    };
    const { last } = await run(fake, { kind: 'file', file } as never, control);
    expect(last.step).toBe('cancelled');
    expect(fake.calls.some((c) => c.method === 'finishUpload')).toBe(false);
    expect(fake.calls.some((c) => c.method === 'cancelImport')).toBe(true);
  });

  it('accepts exactly one non-empty .qhpkg file', () => {
    expect(checkDropped([{ name: 'a.qhpkg', size: 10 }])).toBeNull();
    expect(checkDropped([{ name: 'A.QHPKG', size: 10 }])).toBeNull();
    expect(checkDropped([{ name: 'plan.pdf', size: 10 }])).toContain('“plan.pdf”');
    expect(checkDropped([{ name: 'a.qhpkg', size: 0 }])).toContain('空的');
    expect(checkDropped([])).toContain('一个');
    expect(
      checkDropped([
        { name: 'a.qhpkg', size: 1 },
        { name: 'b.qhpkg', size: 1 },
      ]),
    ).toContain('一个');
  });

  it('encodes base64 like Node does, across the slice boundary', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 5).map((_, i) => (i * 31) % 256);
    const decoded = atob(toBase64(bytes));
    expect(decoded.length).toBe(bytes.length);
    expect(bytes.findIndex((b, i) => decoded.charCodeAt(i) !== b)).toBe(-1);
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
  });
});

describe('a package signed by a key this user does not trust', () => {
  it('tells each kind of user the right next step, never an enrolled user to enroll', () => {
    const u = t.packageImport.untrusted;
    expect(untrustedHints(true, null)).toEqual({ 'untrusted-signer': u.demo });
    expect(untrustedHints(false, true)).toEqual({ 'untrusted-signer': u.enrolled });
    expect(untrustedHints(false, false)).toEqual({ 'untrusted-signer': u.notEnrolled });
    expect(untrustedHints(false, null)).toEqual({});
    expect(u.enrolled).not.toMatch(/先完成平台注册|还没有完成/);
    const shown = explainError(
      {
        code: 'untrusted-signer',
        message: '工作包“x.qhpkg”的签名密钥不是本用户信任的平台密钥，已拒绝',
      },
      untrustedHints(false, true),
    );
    expect(shown.lines).toEqual([
      u.enrolled,
      '工作包“x.qhpkg”的签名密钥不是本用户信任的平台密钥，已拒绝',
    ]);
    expect(shown.details).toBe('错误代码：untrusted-signer');
  });
});

describe('row progress shown by the dialog', () => {
  const rows = (done: number): ImportView => ({
    step: 'writing',
    fileName: 'a.qhpkg',
    stage: 'writing',
    done,
    total: 100,
  });
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('shows at most one count per interval, the newest, and none after the end', () => {
    const shown: ImportView[] = [];
    const paced = paceRowProgress(
      (v) => shown.push(v),
      100,
      () => clock,
    );
    paced.show(rows(1));
    paced.show(rows(2));
    paced.show(rows(3));
    expect(shown).toEqual([rows(1)]);
    advance(100);
    expect(shown).toEqual([rows(1), rows(3)]);
    advance(30);
    paced.show(rows(4));
    const finished: ImportView = { step: 'cancelled', fileName: 'a.qhpkg' };
    paced.show(finished);
    advance(500);
    // The count that was waiting never replaces the end.
    expect(shown).toEqual([rows(1), rows(3), finished]);
  });

  it('shows a count at once when the last one is old enough, and drops a waiting one on dispose', () => {
    const shown: ImportView[] = [];
    const paced = paceRowProgress(
      (v) => shown.push(v),
      100,
      () => clock,
    );
    paced.show(rows(1));
    advance(150);
    paced.show(rows(2));
    expect(shown).toEqual([rows(1), rows(2)]);
    paced.show(rows(3));
    paced.dispose();
    advance(500);
    expect(shown).toEqual([rows(1), rows(2)]);
  });
});
