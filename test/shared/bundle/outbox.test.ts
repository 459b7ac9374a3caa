import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  emptyOutbox,
  nextChainPosition,
  withPending,
} from '../../../src-shared/bundle/outbox';
import { matchReceipt, type Receipt } from '../../../src-shared/bundle/receipt';

const H1 = '1'.repeat(64);
const pending = (counter: number, hash = H1) => ({
  bundleId: `b-${counter}`,
  bundleHash: hash,
  profileId: 'p-1',
  counter,
  recordIds: ['r-1', 'r-2'],
  createdAt: '2026-03-02T10:00:00+08:00',
});
const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  schemaVersion: 1,
  receiptId: 'rc-1',
  issuer: '平台',
  bundleId: 'b-1',
  bundleHash: H1,
  profileId: 'p-1',
  counter: 1,
  acceptedRecordIds: ['r-1', 'r-2'],
  receivedAt: '2026-03-02T02:00:00Z',
  ...over,
});

describe('outbox chain', () => {
  it('numbers the first bundle 1 with no previous hash, and the next after the acknowledged one', () => {
    const s0 = emptyOutbox('p-1');
    expect(nextChainPosition(s0)).toEqual({ ok: true, counter: 1, previousBundleHash: null });
    const acked = acknowledge(withPending(s0, pending(1)), receipt(), new Date());
    if (!acked.ok) throw new Error(acked.message);
    expect(nextChainPosition(acked.state)).toEqual({
      ok: true,
      counter: 2,
      previousBundleHash: H1,
    });
  });

  it('refuses a new number while a bundle is pending unless it supersedes that bundle at the same position', () => {
    const s = withPending(emptyOutbox('p-1'), pending(1));
    expect(nextChainPosition(s)).toMatchObject({ ok: false, code: 'bundle-pending' });
    expect(nextChainPosition(s, true)).toEqual({ ok: true, counter: 1, previousBundleHash: null });
  });

  it('acknowledges records once even when the same receipt is applied twice', () => {
    const s = withPending(emptyOutbox('p-1'), pending(1));
    const first = acknowledge(s, receipt(), new Date());
    if (!first.ok) throw new Error(first.message);
    expect(first.newlyAcknowledged).toEqual(['r-1', 'r-2']);
    expect(acknowledge(first.state, receipt(), new Date())).toMatchObject({
      ok: true,
      newlyAcknowledged: [],
      alreadyAcknowledged: true,
    });
  });

  it('refuses a receipt for a bundle that is not pending', () => {
    expect(acknowledge(emptyOutbox('p-1'), receipt(), new Date())).toMatchObject({
      ok: false,
      code: 'receipt-unexpected',
    });
  });

  it('matches a receipt only to the exact bundle it names', () => {
    const sent = pending(1);
    expect(matchReceipt(receipt(), sent)).toEqual({ ok: true });
    expect(matchReceipt(receipt({ bundleHash: '2'.repeat(64) }), sent)).toMatchObject({
      ok: false,
    });
    expect(matchReceipt(receipt({ counter: 2 }), sent)).toMatchObject({ ok: false });
    expect(matchReceipt(receipt({ profileId: 'p-2' }), sent)).toMatchObject({ ok: false });
  });
});
