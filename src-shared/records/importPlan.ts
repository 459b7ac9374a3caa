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
  /** Key ids whose signatures main verified on the imported version. */
  signedBy: readonly string[];
}

export interface IncomingPackage {
  manifest: Pick<WorkPackageManifest, 'packageId' | 'version' | 'title'>;
  envelopeHash: string;
  signedBy: readonly string[];
  /**
   * Keys the signing keys succeed through rotations this profile's platform signed (main reads
   * them from the profile's trust store): a successor may update what its predecessor signed.
   */
  signerPredecessors?: readonly string[];
}

/** The keys that speak for this package: its signers and the keys they rotated from. */
const lineageOf = (incoming: IncomingPackage): readonly string[] => [
  ...incoming.signedBy,
  ...(incoming.signerPredecessors ?? []),
];

export type RefusalCode = 'older-version' | 'version-conflict' | 'other-signer' | 'id-collision';

export type ImportPlan =
  /** First time this packageId is seen: write all records. */
  | { action: 'import'; packageId: string; version: number }
  /** Exactly the package already imported: write nothing. */
  | { action: 'unchanged'; packageId: string; version: number }
  /** A newer version: replace the platform's records, keep local work (reviews, findings…). */
  | { action: 'update'; packageId: string; fromVersion: number; toVersion: number }
  | { action: 'refuse'; code: RefusalCode; message: string };

export function planImport(
  incoming: IncomingPackage,
  existing: ImportedPackage | undefined,
): ImportPlan {
  const { packageId, version, title } = incoming.manifest;
  if (!existing || existing.packageId !== packageId)
    return { action: 'import', packageId, version };
  if (existing.envelopeHash === incoming.envelopeHash)
    return { action: 'unchanged', packageId, version };
  // Whoever signed the version on this machine owns the package id here. Another key the
  // profile also trusts (the public demo key in a demo profile, a second issuer) must not be
  // able to replace it by reusing the id with a higher version; a key the owner announced in a
  // signed rotation (enrollment reply) may.
  if (!lineageOf(incoming).some((k) => existing.signedBy.includes(k))) {
    return {
      action: 'refuse',
      code: 'other-signer',
      message: `工作包“${title}”（${packageId}）第 ${version} 版的签名密钥与本机已导入的第 ${existing.version} 版不同，不能用它替换；请向管理平台确认来源`,
    };
  }
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

/** A record already stored here: which table, its id, and the package that brought it. */
export interface OwnedRecord {
  table: string;
  id: string;
  packageId: string;
  /** Key ids that signed the package owning the row now. */
  ownerSignedBy: readonly string[];
}

/**
 * Record ids are the platform's, and two issuers (or a forged package) can reuse them. Packages
 * signed by the same key may share rows (one platform sends the same organizer or expert in
 * several packages, and the newer copy wins, as before); a row owned by a package from another
 * signer refuses the whole import, so no row changes hands between issuers.
 */
export function refuseForeignIds(
  incoming: IncomingPackage,
  owned: readonly OwnedRecord[],
): Extract<ImportPlan, { action: 'refuse' }> | null {
  const { packageId, title } = incoming.manifest;
  const lineage = lineageOf(incoming);
  const foreign = owned.filter(
    (r) => r.packageId !== packageId && !lineage.some((k) => r.ownerSignedBy.includes(k)),
  );
  const first = foreign[0];
  if (!first) return null;
  const more = foreign.length > 1 ? `等 ${foreign.length} 条记录` : '';
  return {
    action: 'refuse',
    code: 'id-collision',
    message: `工作包“${title}”（${packageId}）中的记录 ${first.id}（${first.table}）${more}已属于本机另一签发方的工作包 ${first.packageId}，为防止覆盖，未导入任何记录；请向管理平台确认记录编号`,
  };
}
