import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../src-main/preload/api';
import { contract } from '../../../src-shared/ipc/contract';
import { listChannels } from '../../../src-shared/ipc/channel';

describe('preload API', () => {
  it('exposes exactly one function per contract channel and nothing else', () => {
    const api = buildApi(vi.fn()) as unknown as Record<string, Record<string, unknown>>;
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
});
