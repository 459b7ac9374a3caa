// What importing a verified work package should do to the local database, decided from the
// package identity alone so the renderer (which owns Dexie) and main agree. The write itself
// happens in one Dexie transaction elsewhere; this only says which write.
import type { WorkPackageManifest } from './records';

/** The identity of a package already imported, as the local database remembers it. */
export interface ImportedPackage {
  packageId: string;
  version: number;
  /** Hex SHA-256 of the signed manifest bytes (the envelope payload) that were imported. */
  envelopeHash: string;
}

export interface IncomingPackage {
  manifest: Pick<WorkPackageManifest, 'packageId' | 'version' | 'title'>;
  envelopeHash: string;
}

export type ImportPlan =
  /** First time this packageId is seen: write all records. */
  | { action: 'import'; packageId: string; version: number }
  /** Exactly the package already imported: write nothing. */
  | { action: 'unchanged'; packageId: string; version: number }
  /** A newer version: replace the platform's records, keep local work (reviews, findings…). */
  | { action: 'update'; packageId: string; fromVersion: number; toVersion: number }
  | { action: 'refuse'; code: 'older-version' | 'version-conflict'; message: string };

export function planImport(
  incoming: IncomingPackage,
  existing: ImportedPackage | undefined,
): ImportPlan {
  const { packageId, version, title } = incoming.manifest;
  if (!existing || existing.packageId !== packageId)
    return { action: 'import', packageId, version };
  if (existing.envelopeHash === incoming.envelopeHash)
    return { action: 'unchanged', packageId, version };
  if (version > existing.version) {
    return { action: 'update', packageId, fromVersion: existing.version, toVersion: version };
  }
  if (version < existing.version) {
    return {
      action: 'refuse',
      code: 'older-version',
      message: `工作包“${title}”（${packageId}）是第 ${version} 版，本机已导入更新的第 ${existing.version} 版，不能用旧版本覆盖`,
    };
  }
  // Same version number but different signed bytes: the platform must bump the version for
  // any change, so silently picking one would hide which records the reviewer actually saw.
  return {
    action: 'refuse',
    code: 'version-conflict',
    message: `工作包“${title}”（${packageId}）第 ${version} 版与本机已导入的同版本内容不同，请向平台确认后索取新版本`,
  };
}
