import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageFile, PackageRecords } from '../../../src-shared/records/records';
import type { VerifiedPackage } from '../../../src-shared/ipc/packages';
import { evaluatePackage } from '../../../src-shared/policy/engine';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { importVerifiedPackage } from '../../../src-renderer/db/importPackage';
import { loadCheckInput } from '../../../src-renderer/db/checkInput';
import { makeManifest } from '../../fixtures/records';
import { makeClass, merge } from '../../shared/policy/factories';

let db: WorkstationDb;
let n = 0;

beforeEach(async () => {
  db = new WorkstationDb(`compliance-input-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function verified(
  records: PackageRecords & { files: PackageFile[] },
  over: { packageId?: string; version?: number; hash?: string; packs?: PolicyPack[] } = {},
): VerifiedPackage {
  const { files, ...recs } = records;
  return {
    manifest: makeManifest(
      { packageId: over.packageId ?? 'pkg-a', version: over.version ?? 1, files },
      recs,
    ),
    envelopeHash: over.hash ?? 'a'.repeat(64),
    signedBy: ['b'.repeat(64)],
    files: files.map((f) => ({ ...f, location: 'external' as const })),
    policyPacks: over.packs ?? [],
  };
}

/** Two classes: A is clean, B has 41 trainees (R-CLASS-SIZE) and a missing offline recording. */
function seeded() {
  return merge(
    makeClass({ id: 'A', trainees: 3 }),
    makeClass({
      id: 'B',
      trainees: 41,
      organizerId: 'ORG2',
      session: (s) => (s.mode === 'offline' && s.id.endsWith('-1') ? { videoFileIds: [] } : {}),
    }),
  );
}

describe('loadCheckInput (Dexie rows → engine input)', () => {
  it('returns undefined when no package has been imported', async () => {
    expect(await loadCheckInput(db)).toBeUndefined();
  });

  it('gives the engine exactly what it would get from the manifest itself', async () => {
    const records = seeded();
    await importVerifiedPackage(db, verified(records));
    const input = await loadCheckInput(db);
    expect(input).toBeDefined();
    const { files, ...recs } = records;
    const asOf = '2025-12-01';
    const fromManifest = evaluatePackage(recs, { asOf, files });
    const fromDexie = evaluatePackage(input!.records, {
      asOf,
      files: input!.files,
      inputs: input!.inputs,
    });
    expect(fromDexie).toEqual(fromManifest);
    // The seeded violations come through.
    const b = fromDexie.classes.find((c) => c.classId === 'B')!;
    expect(b.findings.class?.find((f) => f.ruleId === 'R-CLASS-SIZE')).toMatchObject({
      severity: 'error',
      status: 'fail',
    });
    expect(b.findings.supervision?.find((f) => f.ruleId === 'R-OFFLINE-FULL')?.status).toBe('fail');
  });

  it('strips what the workstation added to stored rows', async () => {
    await importVerifiedPackage(db, verified(seeded()));
    const input = (await loadCheckInput(db))!;
    expect(input.records.trainees[0]).not.toHaveProperty('classIds');
    expect(input.records.trainees[0]).not.toHaveProperty('packageId');
    expect(input.records.classes[0]).not.toHaveProperty('packageId');
    expect(input.files[0]).not.toHaveProperty('location');
    expect(input.files[0]).not.toHaveProperty('packageId');
    expect(input.records.experts).toEqual([]);
  });

  it('reads only the latest package, and its key changes with a new version', async () => {
    await importVerifiedPackage(
      db,
      verified(makeClass({ id: 'OLD', trainees: 2 }), { packageId: 'pkg-old' }),
      () => '2025-01-01T00:00:00Z',
    );
    await importVerifiedPackage(db, verified(seeded()), () => '2025-02-01T00:00:00Z');
    const first = (await loadCheckInput(db))!;
    expect(first.pkg.packageId).toBe('pkg-a');
    expect(first.records.classes.map((c) => c.id)).toEqual(['A', 'B']);
    expect(first.records.trainees).toHaveLength(44);

    const chosen = (await loadCheckInput(db, 'pkg-old'))!;
    expect(chosen.records.classes.map((c) => c.id)).toEqual(['OLD']);

    await importVerifiedPackage(
      db,
      verified(makeClass({ id: 'A', trainees: 5 }), { version: 2, hash: 'c'.repeat(64) }),
      () => '2025-03-01T00:00:00Z',
    );
    const second = (await loadCheckInput(db))!;
    expect(second.key).not.toBe(first.key);
    expect(second.records.trainees).toHaveLength(5);
  });

  it('judges by a pack the package ships, which replaces the built-in one of the same id', async () => {
    const records = seeded();
    const { basic } = JRSNF_2023_25.programs;
    // The platform corrects the cap: 45 per class. Class B (41 trainees) then passes R-CLASS-SIZE.
    const shipped: PolicyPack = {
      ...JRSNF_2023_25,
      programs: { ...JRSNF_2023_25.programs, basic: { ...basic, classSizeMax: 45 } },
    };
    await importVerifiedPackage(db, verified(records, { packs: [shipped] }));
    const input = (await loadCheckInput(db))!;
    expect(input.packs.filter((p) => p.id === JRSNF_2023_25.id)).toHaveLength(1);
    const sizeOfB = (packs?: PolicyPack[]) =>
      evaluatePackage(input.records, { asOf: '2025-12-01', files: input.files, packs })
        .classes.find((c) => c.classId === 'B')!
        .findings.class?.find((f) => f.ruleId === 'R-CLASS-SIZE')?.status;
    expect(sizeOfB(input.packs)).toBe('pass');
    // Without the shipped pack the built-in cap of 40 applies: this is what changed the verdict.
    expect(sizeOfB()).toBe('fail');
  });
});
