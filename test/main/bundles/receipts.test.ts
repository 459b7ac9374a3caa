import { describe, expect, it } from 'vitest';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import type { Receipt } from '../../../src-shared/bundle/receipt';
import {
  generateSigningKey,
  signEnvelope,
  type SigningKey,
} from '../../../src-main/services/crypto/ed25519';
import { acceptReceipt, prepareBundle } from '../../../src-main/services/bundles/outbox';
import { verifyReceipt } from '../../../src-main/services/bundles/receipts';
import { enrollAt, makePlatform, makeReviews, makeSigner } from './factories';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

const NOW = new Date('2026-03-02T02:00:00Z');

async function sentBundle() {
  const platform = makePlatform();
  const signer = makeSigner();
  await enrollAt(platform, signer, 'p-1');
  const dir = await temp.make('qh-outbox-');
  const built = await prepareBundle(
    { dir, profileId: 'p-1', records: makeReviews(3), auditLogHead: null, now: NOW },
    [signer],
  );
  if (!built.ok) throw new Error(built.message);
  const sent = {
    bundleId: built.manifest.bundleId,
    bundleHash: built.bundleHash,
    profileId: 'p-1',
    counter: 1,
    recordIds: ['rev-1', 'rev-2', 'rev-3'],
  };
  return { platform, signer, dir, built, sent };
}

function receiptText(key: SigningKey, r: Receipt): string {
  return JSON.stringify(
    signEnvelope(PAYLOAD_TYPES.receipt, new TextEncoder().encode(JSON.stringify(r)), [key]),
  );
}

function receiptFor(
  sent: { bundleId: string; bundleHash: string },
  over: Partial<Receipt> = {},
): Receipt {
  return {
    schemaVersion: 1,
    receiptId: 'r-1',
    issuer: '管理平台',
    bundleId: sent.bundleId,
    bundleHash: sent.bundleHash,
    profileId: 'p-1',
    counter: 1,
    acceptedRecordIds: ['rev-1', 'rev-2', 'rev-3'],
    receivedAt: '2026-03-02T02:00:00Z',
    ...over,
  };
}

describe('receipts on the workstation', () => {
  it('acknowledges the records named by a receipt from the intake, exactly once', async () => {
    const { platform, dir, built } = await sentBundle();
    const answer = await platform.intake.acceptBundle(built.bytes);
    if (!answer.ok) throw new Error(answer.message);
    const first = await acceptReceipt({
      dir,
      profileId: 'p-1',
      text: answer.receiptText,
      platformKeys: platform.trust,
      now: NOW,
    });
    expect(first).toMatchObject({
      ok: true,
      newlyAcknowledged: ['rev-1', 'rev-2', 'rev-3'],
      alreadyAcknowledged: false,
    });
    const second = await acceptReceipt({
      dir,
      profileId: 'p-1',
      text: answer.receiptText,
      platformKeys: platform.trust,
      now: NOW,
    });
    expect(second).toMatchObject({ ok: true, newlyAcknowledged: [], alreadyAcknowledged: true });
  });

  it('rejects a receipt signed by a key that is not the pinned platform key', async () => {
    const { dir, sent } = await sentBundle();
    const wrong = generateSigningKey();
    const pinned = generateSigningKey();
    const r = await acceptReceipt({
      dir,
      profileId: 'p-1',
      text: receiptText(wrong, receiptFor(sent)),
      platformKeys: new Map([[pinned.keyid, pinned.publicKeyRaw]]),
    });
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
    // The sentence names the signer in the person's terms; the key id is for 详情 only.
    if (r.ok) throw new Error('expected a refusal');
    expect(r.message).toBe('回执文件不是由本机登记的平台密钥签名的，已拒绝');
    expect(r.message).not.toMatch(/[0-9a-f]{8,}/);
    expect(r.detail).toContain(wrong.keyid);
  });

  it('rejects a receipt signed by an expired or rotated-out platform key', async () => {
    const { sent } = await sentBundle();
    const old = generateSigningKey();
    const { activePlatformKeys } = await import('../../../src-shared/keys/enrollment');
    const { bytesToBase64 } = await import('../../../src-shared/wire/envelope');
    const store = {
      schemaVersion: 1 as const,
      profileId: 'p-1',
      workstationKeyid: 'a'.repeat(64),
      issuer: '管理平台',
      lastReplyIssuedAt: '2026-01-01T00:00:00Z',
      platformKeys: [
        {
          keyid: old.keyid,
          publicKey: bytesToBase64(old.publicKeyRaw),
          notBefore: '2025-01-01T00:00:00Z',
          notAfter: '2026-02-01T00:00:00Z',
        },
      ],
    };
    const text = receiptText(old, receiptFor(sent));
    expect(
      verifyReceipt(text, activePlatformKeys(store, new Date('2026-01-15T00:00:00Z')), sent).ok,
    ).toBe(true);
    expect(verifyReceipt(text, activePlatformKeys(store, NOW), sent)).toMatchObject({
      ok: false,
      code: 'unknown-key',
    });
    const rotated = {
      ...store,
      platformKeys: [
        {
          ...store.platformKeys[0]!,
          notAfter: '2027-01-01T00:00:00Z',
          retiredAt: '2026-03-01T00:00:00Z',
        },
      ],
    };
    expect(verifyReceipt(text, activePlatformKeys(rotated, NOW), sent)).toMatchObject({
      ok: false,
      code: 'unknown-key',
    });
  });

  it('rejects a receipt whose hash names another version of the bundle', async () => {
    const { platform, dir, sent } = await sentBundle();
    const r = await acceptReceipt({
      dir,
      profileId: 'p-1',
      text: receiptText(platform.key, receiptFor(sent, { bundleHash: 'd'.repeat(64) })),
      platformKeys: platform.trust,
    });
    expect(r).toMatchObject({ ok: false, code: 'receipt-mismatch' });
  });

  it('rejects a receipt for a bundle this profile never sent', async () => {
    const { platform, dir, sent } = await sentBundle();
    const r = await acceptReceipt({
      dir,
      profileId: 'p-1',
      text: receiptText(platform.key, receiptFor(sent, { bundleId: 'b-other' })),
      platformKeys: platform.trust,
    });
    expect(r).toMatchObject({ ok: false, code: 'receipt-unexpected' });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.message).not.toContain('b-other');
    expect(r.detail).toContain('b-other');
  });

  it('rejects a receipt that acknowledges records the bundle did not contain', async () => {
    const { platform, dir, sent } = await sentBundle();
    const r = await acceptReceipt({
      dir,
      profileId: 'p-1',
      text: receiptText(platform.key, receiptFor(sent, { acceptedRecordIds: ['rev-1', 'rev-99'] })),
      platformKeys: platform.trust,
    });
    expect(r).toMatchObject({ ok: false, code: 'receipt-mismatch' });
    if (!r.ok) expect(r.message).toContain('rev-99');
  });

  it('leaves records the platform did not accept pending for the next bundle', async () => {
    const { platform, dir, sent, signer } = await sentBundle();
    const partial = receiptText(platform.key, receiptFor(sent, { acceptedRecordIds: ['rev-1'] }));
    expect(
      await acceptReceipt({ dir, profileId: 'p-1', text: partial, platformKeys: platform.trust }),
    ).toMatchObject({ ok: true, newlyAcknowledged: ['rev-1'] });
    const next = await prepareBundle(
      { dir, profileId: 'p-1', records: makeReviews(2, 2), auditLogHead: null },
      [signer],
    );
    expect(next).toMatchObject({
      ok: true,
      manifest: { counter: 2, previousBundleHash: sent.bundleHash },
    });
  });

  it('refuses to number a new bundle while one is still waiting for its receipt', async () => {
    const { dir, signer, sent } = await sentBundle();
    const r = await prepareBundle(
      { dir, profileId: 'p-1', records: makeReviews(1, 10), auditLogHead: null },
      [signer],
    );
    expect(r).toMatchObject({ ok: false, code: 'bundle-pending' });
    if (!r.ok) expect(r.message).toContain(sent.bundleId);
  });
});
