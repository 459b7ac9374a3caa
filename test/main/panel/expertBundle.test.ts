import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import { verifyExpertBundle } from '../../../src-main/services/panel/expertBundle';
import { firstBundle, makeReview, makeSigner } from '../bundles/factories';

const listed = (expertId: string, signer: ReturnType<typeof makeSigner>) => ({
  expertId,
  keys: [{ keyid: signer.keyid, publicKey: bytesToBase64(signer.publicKeyRaw) }],
});

describe('verifyExpertBundle', () => {
  it('accepts a bundle signed by a key the package lists for a panel expert and names the expert', async () => {
    const li = makeSigner();
    const built = await firstBundle([li], {
      profileId: 'p-li',
      records: [makeReview(1), makeReview(2, { kind: 'finding' })],
    });

    const r = await verifyExpertBundle(built.bytes, [listed('exp-li', li)], 'li.qhres');

    expect(r).toMatchObject({ ok: true, signerExpertIds: ['exp-li'], otherRecords: 1 });
    expect(r.ok && r.records.map((x) => x.id)).toEqual(['rev-1']);
  });

  it('refuses a bundle from a key the package does not list for any panel expert', async () => {
    const li = makeSigner();
    const stranger = makeSigner();
    const built = await firstBundle([stranger], { profileId: 'p-li' });

    const r = await verifyExpertBundle(built.bytes, [listed('exp-li', li)], 'li.qhres');

    expect(r).toMatchObject({ ok: false, code: 'panel/unlisted-key' });
    expect(!r.ok && r.message).toContain('li.qhres');
  });

  it('ignores a listed key whose keyid is not the hash of the key', async () => {
    const li = makeSigner();
    const other = makeSigner();
    const built = await firstBundle([li], { profileId: 'p-li' });
    // The package names li's keyid but carries another key's bytes: trusting it would let
    // whoever holds "other" pass for li with a relabelled signature.
    const mislabelled = {
      expertId: 'exp-li',
      keys: [{ keyid: li.keyid, publicKey: bytesToBase64(other.publicKeyRaw) }],
    };

    const r = await verifyExpertBundle(built.bytes, [mislabelled], 'li.qhres');

    expect(r).toMatchObject({ ok: false, code: 'panel/unlisted-key' });
  });

  it('refuses a bundle co-signed by one listed and one unlisted key', async () => {
    const li = makeSigner();
    const stranger = makeSigner();
    const built = await firstBundle([li, stranger], { profileId: 'p-li' });

    const r = await verifyExpertBundle(built.bytes, [listed('exp-li', li)], 'li.qhres');

    expect(r.ok).toBe(false);
  });
});
