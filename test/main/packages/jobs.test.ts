import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkPackage, type OpenPackageResult } from '../../../src-main/services/packages';
import { ImportJobs, safeSegment } from '../../../src-main/services/packages/jobs';
import { makeKey, makeManifest, tempDir, trustOnly, writePackage } from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('ImportJobs', () => {
  it('stops hashing when cancelled in the middle of the files, and says so', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const key = makeKey();
    const pkg = path.join(dir, 'big.qhpkg');
    await writePackage(pkg, makeManifest({ classes: 4, fileBytes: 4 * 1024 * 1024 }), { key });

    let jobId = '';
    let lastDone = 0;
    let total = 0;
    const opened: OpenPackageResult[] = [];
    const jobs = new ImportJobs({
      uploadDir: path.join(dir, 'uploads'),
      // The real verification, with the "user" pressing 取消 on the first progress event.
      open: async (file, options) => {
        const r = await openWorkPackage(file, {
          ...options,
          onProgress: (p) => {
            options.onProgress?.(p);
            lastDone = p.bytesDone;
            total = p.bytesTotal;
            if (jobs.status(jobId).ok && p.bytesDone < p.bytesTotal) jobs.cancel(jobId);
          },
        });
        opened.push(r);
        return r;
      },
    });
    jobId = jobs.startFile(pkg, trustOnly(key), []).jobId;
    await jobs.settled(jobId);

    expect(opened[0]).toMatchObject({ ok: false, code: 'cancelled' });
    expect(lastDone).toBeLessThan(total);
    const status = jobs.status(jobId);
    expect(status.ok && status.status.phase).toBe('cancelled');
  });

  it('lets a new import replace one left running by a reloaded page', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const signals: AbortSignal[] = [];
    const jobs = new ImportJobs({
      uploadDir: path.join(dir, 'uploads'),
      open: (_file, options) =>
        new Promise((resolve) => {
          signals.push(options.signal as AbortSignal);
          options.signal?.addEventListener('abort', () =>
            resolve({ ok: false, code: 'cancelled', message: '已取消' }),
          );
        }),
    });
    const first = jobs.startFile('/x/a.qhpkg', new Map(), []).jobId;
    jobs.startFile('/x/b.qhpkg', new Map(), []);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    const s = jobs.status(first);
    expect(s.ok && s.status.phase).toBe('cancelled');
  });
});

describe('ImportJobs keeping verified packages', () => {
  it('keeps the package before reporting done, and fails the job when keeping fails', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const key = makeKey();
    const pkg = path.join(dir, 'ok.qhpkg');
    await writePackage(pkg, makeManifest(), { key });
    const kept: string[] = [];
    let refuse = false;
    const jobs = new ImportJobs({
      uploadDir: path.join(dir, 'uploads'),
      open: openWorkPackage,
      keep: async (file, result) => {
        kept.push(`${path.basename(file)} ${result.manifest.packageId}`);
        return refuse ? { ok: false, code: 'io-error', message: '磁盘已满' } : { ok: true };
      },
    });
    const first = jobs.startFile(pkg, trustOnly(key), []).jobId;
    await jobs.settled(first);
    const done = jobs.status(first);
    expect(done.ok && done.status.phase).toBe('done');
    expect(kept).toEqual(['ok.qhpkg PKG-2026-HD-01']);

    refuse = true;
    const second = jobs.startFile(pkg, trustOnly(key), []).jobId;
    await jobs.settled(second);
    const failed = jobs.status(second);
    expect(failed.ok && failed.status.phase).toBe('failed');
    expect(failed.ok && failed.status.error).toEqual({ code: 'io-error', message: '磁盘已满' });
    expect(failed.ok && 'result' in failed.status).toBe(false);
  });
});

describe('safeSegment', () => {
  it.each([
    ['海淀区第一批.qhpkg', '海淀区第一批.qhpkg'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['..', 'dropped.qhpkg'],
    ['', 'dropped.qhpkg'],
    ['a\u0000b?.qhpkg', 'a_b_.qhpkg'],
    ['CON.qhpkg', '_CON.qhpkg'],
    ['name. ', 'name'],
  ])('turns %j into the single safe segment %j', (input, expected) => {
    expect(safeSegment(input)).toBe(expected);
  });
});
