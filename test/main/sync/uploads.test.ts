// The upload service: one upload per profile at a time, and its progress as the tries go.
import { describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../../src-shared/ipc/sync';
import { Uploads } from '../../../src-main/services/sync/uploads';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Uploads', () => {
  it('refuses a second upload for the same profile while one runs, not for another profile', async () => {
    const uploads = new Uploads({ maxAttempts: 3 });
    const gate = deferred<string>();
    const first = uploads.run('p-1', () => gate.promise);
    expect(uploads.isRunning('p-1')).toBe(true);
    expect(await uploads.run('p-1', () => Promise.resolve('again'))).toMatchObject({
      ok: false,
      code: 'upload-running',
    });
    expect(await uploads.run('p-2', () => Promise.resolve('other'))).toMatchObject({
      ok: true,
      value: 'other',
    });
    gate.resolve('done');
    expect(await first).toEqual({ ok: true, value: 'done', attempts: 1 });
    expect(uploads.isRunning('p-1')).toBe(false);
    expect(await uploads.run('p-1', () => Promise.resolve('next'))).toMatchObject({ ok: true });
  });

  it('reports each try, the failure and when the next try starts, then how it ended', async () => {
    const seen: UploadProgress[] = [];
    const uploads = new Uploads({
      maxAttempts: 4,
      clock: () => T0,
      onProgress: (profileId, p) => profileId === 'p-1' && seen.push(p),
    });
    const error = { code: 'http-500', message: '平台暂时无法处理' };
    const run = await uploads.run('p-1', (onAttempt) => {
      onAttempt({ attempt: 1 });
      onAttempt({ attempt: 1, error, nextDelayMs: 2000 });
      onAttempt({ attempt: 2 });
      return Promise.resolve('receipt');
    });
    expect(run).toEqual({ ok: true, value: 'receipt', attempts: 2 });
    expect(
      seen.map((p) => [p.active, p.attempt, p.lastError?.code ?? null, p.nextRetryAt]),
    ).toEqual([
      [true, 0, null, null],
      [true, 1, null, null],
      [true, 1, 'http-500', '2026-03-01T08:00:02.000Z'],
      [true, 2, null, null],
      [false, 2, null, null],
    ]);
    expect(uploads.progress('p-1')).toMatchObject({ active: false, attempt: 2, maxAttempts: 4 });
    expect(uploads.progress('p-9')).toEqual({
      active: false,
      attempt: 0,
      maxAttempts: 4,
      lastError: null,
      nextRetryAt: null,
    });
  });

  it('frees the profile when the task throws, and lets the throw through', async () => {
    const uploads = new Uploads({ maxAttempts: 2 });
    await expect(uploads.run('p-1', () => Promise.reject(new Error('disk gone')))).rejects.toThrow(
      'disk gone',
    );
    expect(uploads.isRunning('p-1')).toBe(false);
  });
});
