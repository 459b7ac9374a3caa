import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../src-main/preload/api';
import { contract } from '../../../src-shared/ipc/contract';
import { listChannels } from '../../../src-shared/ipc/channel';

describe('preload API', () => {
  it('exposes exactly one function per contract channel, plus jobs, and nothing else', () => {
    const { jobs, ...api } = buildApi(vi.fn()) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(jobs ?? {}).sort()).toEqual(['cancel', 'subscribe']);
    const exposed = Object.entries(api).flatMap(([cap, methods]) =>
      Object.keys(methods).map((m) => `${cap}:${m}`),
    );
    expect(exposed.sort()).toEqual(
      listChannels(contract)
        .map((c) => c.name)
        .sort(),
    );
    for (const methods of Object.values(api))
      for (const fn of Object.values(methods)) expect(typeof fn).toBe('function');
  });

  it('is frozen so the page cannot swap a method', () => {
    const api = buildApi(vi.fn()) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });

  it('forwards the request on the wire name and returns the result as is', async () => {
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: { version: '1' } });
    const api = buildApi(invoke);
    await expect(api.app.getInfo({})).resolves.toEqual({ ok: true, value: { version: '1' } });
    expect(invoke).toHaveBeenCalledWith('app:getInfo', {});
  });

  it('turns a broken transport into a typed error instead of a rejection', async () => {
    const api = buildApi(vi.fn().mockRejectedValue(new Error('socket closed')));
    await expect(api.app.getInfo({})).resolves.toMatchObject({
      ok: false,
      error: { code: 'transport-failed' },
    });
  });

  it('delivers only schema-checked job events from the host to the job’s subscriber', () => {
    const listeners = new Map<string, (message: unknown) => void>();
    const api = buildApi(vi.fn(), (channel, listener) => listeners.set(channel, listener));
    expect([...listeners.keys()].sort()).toEqual(['job:import', 'job:media', 'job:upload']);
    const seen: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    api.jobs.subscribe('upload', JOB, (e) => seen.push(e));
    const push = listeners.get('job:upload')!;
    push({ jobId: JOB, event: { type: 'progress', data: { attempt: 'one' } } });
    push({
      jobId: JOB,
      event: { type: 'failed', error: { code: 'cancelled', message: '已取消' } },
    });
    expect(seen).toEqual([{ type: 'failed', error: { code: 'cancelled', message: '已取消' } }]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('cancels a job through its kind’s cancel channel', async () => {
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: { cancelled: true } });
    const api = buildApi(invoke);
    await expect(api.jobs.cancel('import', JOB)).resolves.toEqual({
      ok: true,
      value: { cancelled: true },
    });
    await api.jobs.cancel('upload', JOB);
    await api.jobs.cancel('media', JOB);
    expect(invoke.mock.calls).toEqual([
      ['packages:cancelImport', { jobId: JOB }],
      ['sync:cancelUpload', { jobId: JOB }],
      ['media:cancel', { jobId: JOB }],
    ]);
  });
});

const JOB = 'a'.repeat(32);
