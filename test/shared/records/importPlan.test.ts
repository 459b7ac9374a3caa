// planImport lives in src-shared (the renderer uses it); its tests sit with the package
// importer that produces its input.
import { describe, expect, it } from 'vitest';
import {
  planImport,
  refuseForeignIds,
  type ImportedPackage,
} from '../../../src-shared/records/importPlan';

const PLATFORM = 'p'.repeat(64);
const DEMO = 'd'.repeat(64);

function incoming(version: number, envelopeHash: string, packageId = 'PKG-1', signer = PLATFORM) {
  return {
    manifest: { packageId, version, title: '海淀区评审' },
    envelopeHash,
    signedBy: [signer],
  };
}
const existing = (version: number, envelopeHash: string): ImportedPackage => ({
  packageId: 'PKG-1',
  version,
  envelopeHash,
  signedBy: [PLATFORM],
});
const hash = (c: string) => c.repeat(64);

describe('planImport', () => {
  it('imports a package never seen before', () => {
    expect(planImport(incoming(1, hash('a')), undefined)).toEqual({
      action: 'import',
      packageId: 'PKG-1',
      version: 1,
    });
  });

  it('imports a package whose id differs from the one remembered', () => {
    expect(planImport(incoming(1, hash('a'), 'PKG-2'), existing(3, hash('b')))).toMatchObject({
      action: 'import',
    });
  });

  it('changes nothing when the same signed package is imported again', () => {
    expect(planImport(incoming(2, hash('a')), existing(2, hash('a')))).toMatchObject({
      action: 'unchanged',
    });
  });

  it('updates to a newer version of the same package', () => {
    expect(planImport(incoming(3, hash('b')), existing(2, hash('a')))).toEqual({
      action: 'update',
      packageId: 'PKG-1',
      fromVersion: 2,
      toVersion: 3,
    });
  });

  it('refuses an older version with a message naming both versions', () => {
    const plan = planImport(incoming(1, hash('b')), existing(2, hash('a')));

    expect(plan).toMatchObject({ action: 'refuse', code: 'older-version' });
    expect(plan.action === 'refuse' && plan.message).toMatch(/第 1 版.*第 2 版/);
  });

  it('refuses the same version number with different content', () => {
    expect(planImport(incoming(2, hash('b')), existing(2, hash('a')))).toMatchObject({
      action: 'refuse',
      code: 'version-conflict',
    });
  });

  it('refuses a newer version signed by another key than the version it would replace', () => {
    const plan = planImport(incoming(2, hash('b'), 'PKG-1', DEMO), existing(1, hash('a')));
    expect(plan).toMatchObject({ action: 'refuse', code: 'other-signer' });
    expect(plan.action === 'refuse' && plan.message).toBe(
      '工作包“海淀区评审”（PKG-1）第 2 版的签名密钥与本机已导入的第 1 版不同，不能用它替换；请向管理平台确认来源',
    );
  });

  it('accepts a newer version that the same key co-signed with another', () => {
    const next = { ...incoming(2, hash('b')), signedBy: [DEMO, PLATFORM] };
    expect(planImport(next, existing(1, hash('a')))).toMatchObject({ action: 'update' });
  });
});

describe('refuseForeignIds', () => {
  const row = (id: string, packageId: string, signer = PLATFORM) => ({
    table: id.startsWith('asg') ? 'assignments' : 'experts',
    id,
    packageId,
    ownerSignedBy: [signer],
  });

  it('lets a package replace its own rows and rows of packages from the same signer', () => {
    const owned = [row('exp-01', 'PKG-1'), row('exp-02', 'PKG-2')];
    expect(refuseForeignIds(incoming(2, hash('b')), owned)).toBeNull();
  });

  it("refuses the whole import when any id belongs to another signer's package, naming it", () => {
    const owned = [
      row('exp-00', 'PKG-1', DEMO),
      row('asg-1', 'PKG-REAL', 'r'.repeat(64)),
      row('exp-01', 'PKG-REAL', 'r'.repeat(64)),
    ];
    expect(refuseForeignIds(incoming(1, hash('b')), owned)).toEqual({
      action: 'refuse',
      code: 'id-collision',
      message:
        '工作包“海淀区评审”（PKG-1）中的记录 asg-1（assignments）等 2 条记录已属于本机另一签发方的工作包 PKG-REAL，为防止覆盖，未导入任何记录；请向管理平台确认记录编号',
    });
  });
});
