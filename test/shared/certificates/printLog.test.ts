import { describe, expect, it } from 'vitest';
import { planPrint, planVoid, type PrintRequest } from '../../../src-shared/certificates/printLog';

const actor = { profileId: 'p-1', name: '打印员甲' };
const req = (over: Partial<PrintRequest> = {}): PrintRequest => ({
  batchId: 'b1',
  actor,
  at: '2025-07-01T09:00:00+08:00',
  classId: 'c-1',
  numbers: ['N-1', 'N-2'],
  copies: 1,
  destination: { kind: 'printer', name: '办公室打印机' },
  ...over,
});

describe('print log rules', () => {
  it('logs a first print as print, with who, when, numbers, copies and printer', () => {
    const r = planPrint([], req());
    expect(r).toMatchObject({
      ok: true,
      entry: {
        action: 'print',
        actor,
        numbers: ['N-1', 'N-2'],
        copies: 1,
        destination: { kind: 'printer' },
      },
    });
  });

  it('refuses a reprint without a reason and names the number', () => {
    const first = planPrint([], req());
    if (!first.ok) throw new Error('first print refused');
    const again = planPrint([first.entry], req({ batchId: 'b2', numbers: ['N-2'] }));
    expect(again).toMatchObject({ ok: false, code: 'reprint-needs-reason' });
    expect(!again.ok && again.message).toContain('N-2');
  });

  it('logs a reprint with its reason', () => {
    const first = planPrint([], req());
    if (!first.ok) throw new Error('first print refused');
    const again = planPrint(
      [first.entry],
      req({ batchId: 'b2', numbers: ['N-2'], reason: '卡纸损坏' }),
    );
    expect(again).toMatchObject({ ok: true, entry: { action: 'reprint', reason: '卡纸损坏' } });
  });

  it('voids only a printed number and only with a reason', () => {
    const first = planPrint([], req());
    if (!first.ok) throw new Error('first print refused');
    const base = { batchId: 'v1', actor, at: '2025-07-01T10:00:00+08:00' };
    expect(planVoid([first.entry], { ...base, number: 'N-1' })).toMatchObject({
      ok: false,
      code: 'void-needs-reason',
    });
    expect(planVoid([], { ...base, number: 'N-1', reason: '打印错位' })).toMatchObject({
      ok: false,
      code: 'void-not-printed',
    });
    expect(planVoid([first.entry], { ...base, number: 'N-1', reason: '打印错位' })).toMatchObject({
      ok: true,
      entry: { action: 'void', numbers: ['N-1'], reason: '打印错位' },
    });
  });
});
