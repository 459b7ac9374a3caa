// The auditor's records travel like every other: signed in a result bundle, accepted by the
// intake, and valid against the payload schemas published for the platform.
import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { openReceipt } from '../../../src-main/services/bundles/receipts';
import { auditFindingPayloadSchema } from '../../../src-shared/audit/findings';
import { newSamplingPlan, sampleSeedText } from '../../../src-shared/audit/sampling';
import { auditVerdictPayloadSchema } from '../../../src-shared/audit/verdicts';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import { jsonSchemaOf } from '../../../src-shared/wire/jsonSchemas';
import { enrollAt, makePlatform, makeSigner } from '../bundles/factories';

const plan = newSamplingPlan({
  packageId: 'pkg-1',
  classId: 'cls-1',
  auditorSeed: '20261203',
  sessions: [
    { id: 's-1', minutes: 90 },
    { id: 's-2', minutes: 90 },
  ],
  digest: new Uint8Array(
    createHash('sha256')
      .update(sampleSeedText('pkg-1', 'cls-1', '20261203'))
      .digest(),
  ),
});
// The grab's bytes: the bundle carries them, and the intake holds them to the finding.
const GRAB = new Uint8Array(1200).fill(7);
const finding = auditFindingPayloadSchema.parse({
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
  start: 61.5,
  end: 300,
  frameGrab: {
    id: 'fg-1',
    sha256: createHash('sha256').update(GRAB).digest('hex'),
    size: GRAB.length,
    mediaType: 'image/png',
    width: 320,
    height: 180,
    mediaTime: 61.5,
  },
});
const verdict = auditVerdictPayloadSchema.parse({
  subject: 'class',
  packageId: 'pkg-1',
  classId: 'cls-1',
  conclusion: 'violation',
  watchedMinutes: { 's-1': 90 },
  videoRetention: true,
});

const records: ResultRecord[] = [
  { id: 'sp-1', kind: 'sampling-plan', createdAt: '2026-12-03T10:00:00+08:00', payload: plan },
  { id: 'af-1', kind: 'finding', createdAt: '2026-12-03T10:05:00+08:00', payload: finding },
  { id: 'av-1', kind: 'audit-verdict', createdAt: '2026-12-03T10:09:00+08:00', payload: verdict },
];

describe('audit records in a result bundle', () => {
  it('are signed, verified and acknowledged by the intake', async () => {
    const platform = makePlatform();
    const signer = makeSigner();
    await enrollAt(platform, signer, 'p-aud');
    const b = await buildResultBundle(
      {
        profileId: 'p-aud',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records,
        evidence: [
          {
            id: 'fg-1',
            path: 'frames/fg-1.png',
            mediaType: 'image/png',
            recordId: 'af-1',
            data: GRAB,
          },
        ],
      },
      [signer],
    );
    if (!b.ok) throw new Error(b.message);
    const r = await platform.intake.acceptBundle(b.bytes);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(openReceipt(r.receiptText, platform.trust)).toMatchObject({
      ok: true,
      receipt: { acceptedRecordIds: ['sp-1', 'af-1', 'av-1'] },
    });
  });

  it('match the published payload schemas, and a plan without its seed does not', () => {
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    const names = ['sampling-plan-payload', 'finding-payload', 'audit-verdict-payload'] as const;
    const validators = new Map(names.map((n) => [n, ajv.compile(jsonSchemaOf(n))]));
    const check = (name: (typeof names)[number], v: unknown) => validators.get(name)!(v);
    expect(check('sampling-plan-payload', plan)).toBe(true);
    expect(check('finding-payload', finding)).toBe(true);
    expect(check('audit-verdict-payload', verdict)).toBe(true);
    const { auditorSeed: _seed, ...noSeed } = plan;
    expect(check('sampling-plan-payload', noSeed)).toBe(false);
  });
});
