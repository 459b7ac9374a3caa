import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { channel, listChannels } from '../../../src-shared/ipc/channel';
import { contract } from '../../../src-shared/ipc/contract';
import { createGate, type SenderInfo } from '../../../src-shared/ipc/gate';
import { fail, failWith, ipcErrorSchema, ok } from '../../../src-shared/ipc/result';

const ORIGIN = 'app://qihang';
const mainFrame: SenderInfo = { url: `${ORIGIN}/index.html`, isMainFrame: true };

const testContract = {
  demo: {
    echo: channel({
      summary: 'echo',
      request: z.object({ text: z.string().max(10) }).strict(),
      response: z.object({ text: z.string() }),
    }),
    boom: channel({ summary: 'throws', request: z.object({}).strict(), response: z.object({}) }),
    lies: channel({
      summary: 'bad response',
      request: z.object({}).strict(),
      response: z.object({ n: z.number() }),
    }),
    refuses: channel({
      summary: 'expected failure',
      request: z.object({}).strict(),
      response: z.object({}),
    }),
  },
};

function makeGate(onError = vi.fn()) {
  return createGate(
    testContract,
    {
      demo: {
        echo: (req) => ok({ text: req.text }),
        boom: () => {
          throw new Error('disk on fire');
        },
        lies: () => ok({ n: 'not a number' as unknown as number }),
        refuses: () =>
          failWith({ code: 'signature-invalid', message: '签名校验失败', detail: 'keyid ab12' }),
      },
    },
    { allowedOrigin: ORIGIN, onError },
  );
}

// Payloads no channel of the real contract accepts: every request schema is a strict object.
const badPayloads: unknown[] = [
  undefined,
  null,
  0,
  -1,
  Number.NaN,
  'text',
  '',
  true,
  [],
  [1, 2, 3],
  { unexpected: 1 },
  { __proto__: { polluted: true }, extra: 'x' },
  JSON.parse('{"__proto__": {"admin": true}, "constructor": 1}'),
  { a: { b: { c: { d: { e: 'deep' } } } } },
  { huge: 'x'.repeat(100_000) },
];

describe('IPC gate', () => {
  it('answers a valid call from the main frame of the app origin', async () => {
    const result = await makeGate().dispatch('demo:echo', { text: 'hi' }, mainFrame);
    expect(result).toEqual({ ok: true, value: { text: 'hi' } });
  });

  it('rejects an unknown channel with a typed error', async () => {
    const result = await makeGate().dispatch('demo:rm-rf', {}, mainFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/index.html', isMainFrame: true }],
    ['a file URL', { url: 'file:///etc/passwd', isMainFrame: true }],
    ['a subframe of the app', { url: `${ORIGIN}/index.html`, isMainFrame: false }],
    ['an unknown sender URL', { url: undefined, isMainFrame: true }],
    ['a malformed URL', { url: 'not a url', isMainFrame: true }],
  ])('refuses a call from %s', async (_label, sender) => {
    const result = await makeGate().dispatch('demo:echo', { text: 'hi' }, sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('names the field when a request fails validation', async () => {
    const result = await makeGate().dispatch(
      'demo:echo',
      { text: 'much too long text' },
      mainFrame,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'text' } });
    if (!result.ok) expect(result.error.message).toContain('text');
  });

  it('turns a throwing handler into a typed error and reports it', async () => {
    const onError = vi.fn();
    const result = await makeGate(onError).dispatch('demo:boom', {}, mainFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'handler-failed' } });
    if (!result.ok) expect(result.error.message).not.toContain('disk on fire');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('refuses to pass on a response that breaks its schema', async () => {
    const result = await makeGate().dispatch('demo:lies', {}, mainFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });

  it("passes a handler's own expected failure through unchanged, its technical detail too", async () => {
    const result = await makeGate().dispatch('demo:refuses', {}, mainFrame);
    expect(result).toEqual({
      ok: false,
      error: { code: 'signature-invalid', message: '签名校验失败', detail: 'keyid ab12' },
    });
    if (result.ok) throw new Error('expected a failure');
    // The job events check errors against this schema: the detail must survive it.
    expect(ipcErrorSchema.parse(result.error)).toEqual(result.error);
  });

  it('refuses to build when a channel of the contract has no handler', () => {
    expect(() =>
      createGate(testContract, { demo: {} } as never, { allowedOrigin: ORIGIN }),
    ).toThrow(/demo:echo/);
  });
});

describe('the real contract under fuzzing', () => {
  const handlerSpy = vi.fn();
  // Handlers that would record any call that got through validation.
  const handlers = Object.fromEntries(
    Object.entries(contract).map(([cap, methods]) => [
      cap,
      Object.fromEntries(
        Object.keys(methods).map((m) => [
          m,
          (req: unknown) => (handlerSpy(cap, m, req), fail('x', 'x')),
        ]),
      ),
    ]),
  );
  const gate = createGate(contract, handlers as never, { allowedOrigin: ORIGIN });

  for (const { name } of listChannels(contract)) {
    it(`${name} rejects every malformed payload without reaching its handler`, async () => {
      for (const payload of badPayloads) {
        const result = await gate.dispatch(name, payload, mainFrame);
        expect(result.ok, `payload ${JSON.stringify(payload)?.slice(0, 40)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('invalid-request');
      }
      expect(handlerSpy).not.toHaveBeenCalled();
    });
  }

  it('has at least one channel per capability and unique wire names', () => {
    const names = listChannels(contract).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(contract).length).toBeGreaterThan(0);
  });
});
