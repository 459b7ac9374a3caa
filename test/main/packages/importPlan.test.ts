// planImport lives in src-shared (the renderer uses it); its tests sit with the package
// importer that produces its input.
import { describe, expect, it } from 'vitest';
import { planImport, type ImportedPackage } from '../../../src-shared/bundle/importPlan';

function incoming(version: number, envelopeHash: string, packageId = 'PKG-1') {
  return { manifest: { packageId, version, title: '海淀区评审' }, envelopeHash };
}
const existing = (version: number, envelopeHash: string): ImportedPackage => ({
  packageId: 'PKG-1',
  version,
  envelopeHash,
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
});
