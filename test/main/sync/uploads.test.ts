// The upload service: each upload a job with an id, one per profile at a time, its progress as
// the tries go, and a cancel that reaches the running task.
import { describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../../src-shared/ipc/sync';
import { Uploads } from '../../../src-main/services/sync/uploads';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const ids = () => {
  let n = 0;
  return () => String(++n).padStart(32, '0');
};

describe('Uploads', () => {
  it('refuses a second upload for the same profile while one runs, not for another profile', async () => {
    const uploads = new Uploads({ maxAttempts: 3, newId: ids() });
    const gate = deferred<string>();
    const first = uploads.start('p-1', () => gate.promise);
    if (!first.ok) throw new Error(first.code);
    expect(uploads.isRunning('p-1')).toBe(true);
    expect(uploads.start('p-1', () => Promise.resolve('again'))).toMatchObject({
      ok: false,
      code: 'upload-running',
    });
    const other = uploads.start('p-2', () => Promise.resolve('other'));
    if (!other.ok) throw new Error(other.code);
    expect(other.jobId).not.toBe(first.jobId);
    expect(await other.ended).toMatchObject({ ok: true, value: 'other' });
    gate.resolve('done');
    expect(await first.ended).toEqual({ ok: true, value: 'done', attempts: 1 });
    expect(uploads.isRunning('p-1')).toBe(false);
    expect(uploads.start('p-1', () => Promise.resolve('next')).ok).toBe(true);
  });

  it('reports each try, the failure and when the next try starts, under the job id', async () => {
    const seen: [string, UploadProgress][] = [];
    const uploads = new Uploads({
      maxAttempts: 4,
      clock: () => T0,
      newId: ids(),
      onProgress: (jobId, p) => seen.push([jobId, p]),
    });
    const error = { code: 'http-500', message: '平台暂时无法处理' };
    const started = uploads.start('p-1', ({ onAttempt }) => {
      onAttempt({ attempt: 1, error, nextDelayMs: 2000 });
      onAttempt({ attempt: 2 });
      return Promise.resolve('receipt');
    });
    if (!started.ok) throw new Error(started.code);
    expect(await started.ended).toEqual({ ok: true, value: 'receipt', attempts: 2 });
    expect(seen.every(([id]) => id === started.jobId)).toBe(true);
    expect(
      seen.map(([, p]) => [p.active, p.attempt, p.lastError?.code ?? null, p.nextRetryAt]),
    ).toEqual([
      [true, 0, null, null],
      [true, 1, 'http-500', '2026-03-01T08:00:02.000Z'],
      [true, 2, null, null],
    ]);
  });

  it('aborts the running task on cancel, by its id only', async () => {
    const uploads = new Uploads({ maxAttempts: 2, newId: ids() });
    const started = uploads.start(
      'p-1',
      ({ signal }) =>
        new Promise<string>((resolve) => {
          if (signal.aborted) resolve('stopped');
          signal.addEventListener('abort', () => resolve('stopped'));
        }),
    );
    if (!started.ok) throw new Error(started.code);
    expect(uploads.cancel('f'.repeat(32))).toBe(false);
    expect(uploads.cancel(started.jobId)).toBe(true);
    expect(await started.ended).toMatchObject({ ok: true, value: 'stopped' });
    expect(uploads.cancel(started.jobId)).toBe(false);
  });

  it('turns a throwing task into a failure and frees the profile', async () => {
    const uploads = new Uploads({ maxAttempts: 2 });
    const started = uploads.start('p-1', () => Promise.reject(new Error('disk gone')));
    if (!started.ok) throw new Error(started.code);
    const ended = await started.ended;
    expect(ended).toMatchObject({ ok: false, code: 'upload-failed' });
    if (!ended.ok) expect(ended.message).toContain('disk gone');
    expect(uploads.isRunning('p-1')).toBe(false);
  });
});
