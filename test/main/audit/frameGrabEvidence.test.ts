// A finding's frame grab travels in the result bundle as evidence under files/frames/, and the
// verifier the intake uses holds the PNG to the finding that cites it: the signed manifest's
// size and SHA-256 must match the bytes, and the finding's frameGrab must match the manifest.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { verifyResultBundle } from '../../../src-main/services/bundles/verify';
import { signWithAll } from '../../../src-main/services/keys/signer';
import { auditFindingPayloadSchema } from '../../../src-shared/audit/findings';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import { frameGrabPath } from '../../../src-shared/bundle/evidenceLinks';
import type { ResultBundleManifest, ResultRecord } from '../../../src-shared/bundle/resultBundle';
import {
  enrollAt,
  flipByte,
  makePlatform,
  makeSigner,
  rezip,
  zipEntries,
} from '../bundles/factories';

// Not a decodable picture: the verifier checks bytes, never pixels.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array(200).keys()]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function findingRecord(grab: { sha256: string; size: number }, id = 'af-1'): ResultRecord {
  const payload = auditFindingPayloadSchema.parse({
    packageId: 'pkg-1',
    classId: 'cls-1',
    organizerId: 'org-1',
    sessionId: 's-1',
    fileId: 'f-1',
    videoSha256: 'b'.repeat(64),
    category: 'lecturer-absent',
    ruleId: 'R-LECTURERS',
    exitGround: 4,
    severity: 'serious',
    note: '讲台无人',
    start: 300,
    frameGrab: {
      id: `fg-${id}`,
      ...grab,
      mediaType: 'image/png',
      width: 320,
      height: 180,
      mediaTime: 300,
    },
  });
  return { id, kind: 'finding', createdAt: '2026-12-03T10:05:00+08:00', payload };
}

const grabEvidence = (recordId = 'af-1', data: Uint8Array = PNG) => ({
  id: `fg-${recordId}`,
  path: frameGrabPath(`fg-${recordId}`),
  mediaType: 'image/png',
  recordId,
  data,
});

async function build(records: ResultRecord[], evidence = [grabEvidence()]) {
  const signer = makeSigner();
  const built = await buildResultBundle(
    {
      profileId: 'p-aud',
      counter: 1,
      previousBundleHash: null,
      auditLogHead: null,
      records,
      evidence,
    },
    [signer],
  );
  return { built, signer, trusted: new Map([[signer.keyid, signer.publicKeyRaw]]) };
}

/** Re-signs a bundle after `edit` changed its records (what a faulty or hostile writer could do). */
async function resignWith(
  bytes: Uint8Array,
  signer: ReturnType<typeof makeSigner>,
  manifest: ResultBundleManifest,
  edit: (records: ResultRecord[]) => ResultRecord[],
) {
  const files = await zipEntries(bytes);
  const records = edit(JSON.parse(new TextDecoder().decode(files.get('records.json'))));
  const recordsBytes = new TextEncoder().encode(JSON.stringify(records));
  const forged = {
    ...manifest,
    records: { count: records.length, size: recordsBytes.byteLength, sha256: sha(recordsBytes) },
  };
  const env = signWithAll(
    [signer],
    PAYLOAD_TYPES.resultBundle,
    new TextEncoder().encode(JSON.stringify(forged)),
  );
  files.set('envelope.json', new TextEncoder().encode(JSON.stringify(env)));
  files.set('records.json', recordsBytes);
  return rezip(files);
}

describe('frame grabs in the result bundle', () => {
  it('carries the PNG beside its finding, and the intake accepts it', async () => {
    const platform = makePlatform();
    const { built, signer } = await build([findingRecord({ sha256: sha(PNG), size: PNG.length })]);
    if (!built.ok) throw new Error(built.message);
    expect(built.manifest.evidence).toEqual([
      {
        id: 'fg-af-1',
        path: 'frames/fg-af-1.png',
        size: PNG.length,
        sha256: sha(PNG),
        mediaType: 'image/png',
        recordId: 'af-1',
      },
    ]);
    const files = await zipEntries(built.bytes);
    expect(sha(files.get('files/frames/fg-af-1.png')!)).toBe(sha(PNG));
    await enrollAt(platform, signer, 'p-aud');
    expect(await platform.intake.acceptBundle(built.bytes)).toMatchObject({ ok: true });
  });

  it('is refused when one byte of the PNG changed', async () => {
    const { built, trusted } = await build([findingRecord({ sha256: sha(PNG), size: PNG.length })]);
    if (!built.ok) throw new Error(built.message);
    const files = await zipEntries(built.bytes);
    files.set('files/frames/fg-af-1.png', flipByte(PNG, 40));
    const r = await verifyResultBundle(await rezip(files), { trusted });
    expect(r).toMatchObject({ ok: false, code: 'evidence-mismatch' });
    if (!r.ok) expect(r.message).toContain('frames/fg-af-1.png');
  });

  it('is never signed when the finding cites a grab the bundle lacks or differs from', async () => {
    const cited = findingRecord({ sha256: sha(PNG), size: PNG.length });
    const missing = await build([cited], []);
    expect(missing.built).toMatchObject({ ok: false, code: 'invalid-bundle' });
    if (!missing.built.ok) expect(missing.built.message).toContain('fg-af-1');
    const other = await build([cited], [grabEvidence('af-1', flipByte(PNG, 9))]);
    expect(other.built).toMatchObject({ ok: false, code: 'invalid-bundle' });
    const elsewhere = await build([cited], [{ ...grabEvidence(), recordId: 'af-2' }]);
    expect(elsewhere.built).toMatchObject({ ok: false, code: 'invalid-bundle' });
  });

  it('is refused when a signed finding names another hash than the PNG it travels with', async () => {
    const { built, signer, trusted } = await build([
      findingRecord({ sha256: sha(PNG), size: PNG.length }),
    ]);
    if (!built.ok) throw new Error(built.message);
    const forged = await resignWith(built.bytes, signer, built.manifest, (records) =>
      records.map((r) => findingRecord({ sha256: 'c'.repeat(64), size: PNG.length }, r.id)),
    );
    const r = await verifyResultBundle(forged, { trusted });
    expect(r).toMatchObject({ ok: false, code: 'evidence-mismatch' });
    if (!r.ok) expect(r.message).toContain('af-1');
    const dropped = await resignWith(built.bytes, signer, built.manifest, (records) => [
      ...records,
      findingRecord({ sha256: sha(PNG), size: PNG.length }, 'af-2'),
    ]);
    expect(await verifyResultBundle(dropped, { trusted })).toMatchObject({
      ok: false,
      code: 'evidence-missing',
    });
  });

  it('accepts findings without a grab and bundles without findings as before', async () => {
    const plain = findingRecord({ sha256: sha(PNG), size: PNG.length });
    const { frameGrab: _g, ...noGrab } = plain.payload;
    const { built, trusted } = await build([{ ...plain, payload: noGrab }], []);
    if (!built.ok) throw new Error(built.message);
    expect(await verifyResultBundle(built.bytes, { trusted })).toMatchObject({ ok: true });
  });
});
