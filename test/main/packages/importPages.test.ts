// Main's side of handing a verified package to the page: the head once, then the rows in
// bounded pages, in table order; the job is forgotten after the last page, a cancel, an idle
// timeout or a page asked out of order.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportJobs, pageOf } from '../../../src-main/services/packages/jobs';
import {
  IMPORT_PAGE_CHARS,
  IMPORT_PAGE_ROWS,
  packagesChannels,
  pagedRowsOf,
  pagedTables,
  type PagedTable,
  type VerifiedPackage,
} from '../../../src-shared/ipc/packages';
import { makeManifest, makeRecords, makeVerifiedPackage } from '../../fixtures/records';
import { tempDir } from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Jobs whose verification "succeeds" with `pkg` at once. */
async function verified(pkg: VerifiedPackage, handoverIdleMs?: number) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const jobs = new ImportJobs({
    uploadDir: path.join(dir, 'uploads'),
    open: () =>
      Promise.resolve({
        ok: true,
        manifest: pkg.manifest,
        envelopeHash: pkg.envelopeHash,
        signedBy: pkg.signedBy,
        files: pkg.files,
        policyPacks: pkg.policyPacks,
      }) as never,
    ...(handoverIdleMs !== undefined ? { handoverIdleMs } : {}),
  });
  const { jobId } = jobs.startFile('/x/big.qhpkg', new Map(), []);
  await jobs.settled(jobId);
  return { jobs, jobId };
}

const big = () =>
  makeVerifiedPackage(makeManifest({}, makeRecords({ classes: 12, traineesPerClass: 1000 })));

/** Reads every table to its end, as the page does; returns the pages as the gate checked them. */
function readAll(jobs: ImportJobs, jobId: string, limit = IMPORT_PAGE_ROWS) {
  const pages: { table: PagedTable; offset: number; rows: unknown[]; done: boolean }[] = [];
  const head = jobs.take(jobId);
  if (!head.ok) throw new Error(head.message);
  for (const table of pagedTables) {
    for (let offset = 0; offset < head.head.counts[table];) {
      const page = jobs.takeRows(jobId, table, offset, limit);
      if (!page.ok) throw new Error(page.message);
      const checked = packagesChannels.takeImportRows.response.parse({
        table,
        rows: page.rows,
        done: page.done,
      });
      pages.push({ table, offset, rows: checked.rows, done: page.done });
      offset += page.rows.length;
    }
  }
  return { head: head.head, pages };
}

describe('handing a verified package over in pages', () => {
  it('gives a small head, then every row once in order, and forgets the job after the last page', async () => {
    const pkg = big();
    const { jobs, jobId } = await verified(pkg);
    const { head, pages } = readAll(jobs, jobId, 900);
    expect(packagesChannels.takeImportResult.response.safeParse(head).success).toBe(true);
    expect(JSON.stringify(head).length).toBeLessThan(10_000);
    expect(head.counts.trainees).toBe(12_000);
    for (const table of pagedTables) {
      const got = pages.filter((p) => p.table === table).flatMap((p) => p.rows);
      expect(got, table).toEqual(pagedRowsOf(pkg, table));
    }
    const trainees = pages.filter((p) => p.table === 'trainees');
    expect(trainees.map((p) => p.rows.length)).toEqual([...Array<number>(13).fill(900), 300]);
    expect(pages.map((p) => p.done)).toEqual(pages.map((_, i) => i === pages.length - 1));
    // Forgotten: another page, the head again, or its status all say the job is gone.
    expect(jobs.takeRows(jobId, 'files', 0, 10)).toMatchObject({ ok: false, code: 'unknown-job' });
    expect(jobs.take(jobId)).toMatchObject({ ok: false, code: 'unknown-job' });
    expect(jobs.status(jobId)).toMatchObject({ ok: false, code: 'unknown-job' });
  });

  it('cuts a page by characters before the row limit, but never below one row', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `c-${i}`, pad: 'x'.repeat(2_000) }));
    const page = pageOf(rows, 0, IMPORT_PAGE_ROWS);
    expect(page.length).toBeGreaterThan(50);
    expect(page.length).toBeLessThan(300);
    expect(JSON.stringify(page).length).toBeLessThanOrEqual(IMPORT_PAGE_CHARS + page.length);
    const huge = [{ id: 'one', pad: 'x'.repeat(IMPORT_PAGE_CHARS + 10) }, { id: 'two' }];
    expect(pageOf(huge, 0, 10)).toEqual([huge[0]]);
    expect(pageOf(rows, 0, 7)).toHaveLength(7);
    // The contract refuses more rows than a page may hold, whatever the handler built.
    const tooMany = Array.from({ length: IMPORT_PAGE_ROWS + 1 }, () => ({}));
    const parsed = packagesChannels.takeImportRows.response.safeParse({
      table: 'organizers',
      rows: tooMany,
      done: false,
    });
    expect(parsed.success).toBe(false);
    expect(
      packagesChannels.takeImportRows.request.safeParse({
        jobId: '0'.repeat(32),
        table: 'trainees',
        offset: 0,
        limit: IMPORT_PAGE_ROWS + 1,
      }).success,
    ).toBe(false);
  });

  it('refuses a page out of order, says which page it expected, and forgets the job', async () => {
    const { jobs, jobId } = await verified(big());
    expect(jobs.takeRows(jobId, 'classes', 0, 100)).toMatchObject({
      ok: false,
      code: 'head-not-taken',
    });
    expect(jobs.take(jobId).ok).toBe(true);
    expect(jobs.take(jobId)).toMatchObject({ ok: false, code: 'head-taken' });
    expect(jobs.takeRows(jobId, 'classes', 0, 100).ok).toBe(true);
    expect(jobs.takeRows(jobId, 'trainees', 0, 1000).ok).toBe(true);
    // Asked again from where it already was: out of order.
    const again = jobs.takeRows(jobId, 'trainees', 0, 1000);
    expect(again).toMatchObject({ ok: false, code: 'page-out-of-order' });
    expect(!again.ok && again.message).toContain('trainees 第 1000 条起');
    expect(jobs.takeRows(jobId, 'trainees', 1000, 1000)).toMatchObject({
      ok: false,
      code: 'unknown-job',
    });
  });

  it('refuses a skipped offset and a table already passed', async () => {
    const a = await verified(big());
    a.jobs.take(a.jobId);
    expect(a.jobs.takeRows(a.jobId, 'classes', 5, 10)).toMatchObject({ code: 'page-out-of-order' });
    const b = await verified(big());
    b.jobs.take(b.jobId);
    expect(b.jobs.takeRows(b.jobId, 'trainees', 0, 10).ok).toBe(true);
    expect(b.jobs.takeRows(b.jobId, 'classes', 0, 10)).toMatchObject({ code: 'page-out-of-order' });
  });

  it('lets the page skip ahead to a later table (an unchanged package needs only its files)', async () => {
    const pkg = big();
    pkg.files = [
      {
        id: 'f-1',
        kind: 'other',
        path: 'files/a.pdf',
        size: 3,
        sha256: 'c'.repeat(64),
        mediaType: 'application/pdf',
        external: false,
        location: 'package',
      } as VerifiedPackage['files'][number],
    ];
    const { jobs, jobId } = await verified(pkg);
    jobs.take(jobId);
    const files = jobs.takeRows(jobId, 'files', 0, 100);
    expect(files).toMatchObject({ ok: true, done: true });
    expect(files.ok && files.rows).toHaveLength(1);
    expect(jobs.status(jobId)).toMatchObject({ code: 'unknown-job' });
  });

  it('forgets a result on cancel and after it waited idle too long', async () => {
    const a = await verified(big());
    a.jobs.take(a.jobId);
    a.jobs.takeRows(a.jobId, 'organizers', 0, 10);
    expect(a.jobs.cancel(a.jobId)).toEqual({ ok: true, cancelled: false });
    expect(a.jobs.takeRows(a.jobId, 'classes', 0, 10)).toMatchObject({ code: 'unknown-job' });

    const b = await verified(big(), 50);
    b.jobs.take(b.jobId);
    expect(b.jobs.takeRows(b.jobId, 'organizers', 0, 10).ok).toBe(true);
    await vi.waitFor(() => expect(b.jobs.status(b.jobId)).toMatchObject({ ok: false }), {
      timeout: 5000,
    });
    expect(b.jobs.takeRows(b.jobId, 'classes', 0, 10)).toMatchObject({ code: 'unknown-job' });
  });

  it('forgets a result without rows as it hands over the head', async () => {
    const empty = makeVerifiedPackage(makeManifest({}, makeRecords({ classes: 0 })));
    empty.manifest.records.organizers = [];
    empty.manifest.records.lecturers = [];
    empty.manifest.records.rubrics = [];
    empty.manifest.records.experts = [];
    empty.manifest.records.panels = [];
    empty.manifest.records.assignments = [];
    empty.manifest.records.sessions = [];
    empty.manifest.records.submissions = [];
    empty.manifest.records.certificateNumbers = [];
    const { jobs, jobId } = await verified(empty);
    const head = jobs.take(jobId);
    expect(head.ok && Object.values(head.head.counts).every((n) => n === 0)).toBe(true);
    expect(jobs.status(jobId)).toMatchObject({ code: 'unknown-job' });
  });
});
