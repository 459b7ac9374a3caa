// Which records name evidence files, and whether the bundle carries them. The manifest already
// binds every evidence file by size and SHA-256; this binds the records to the manifest, so a
// finding cannot cite a frame grab the bundle does not hold, nor one whose bytes differ from
// what the auditor saw when the finding was signed. Payloads are read loosely (a capability
// validates its own payload); only the fields that name evidence are looked at.
import { isPlainObject, type EvidenceFile, type ResultRecord } from './resultBundle';

/** Where a frame grab of a finding travels inside the bundle (under files/). */
export function frameGrabPath(grabId: string): string {
  return `frames/${grabId}.png`;
}

export interface EvidenceRef {
  recordId: string;
  /** The evidence file's id, as the record names it. */
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
}

/** The evidence files the records say they rest on (today: a finding's frame grab). */
export function evidenceRefs(records: readonly ResultRecord[]): EvidenceRef[] {
  const refs: EvidenceRef[] = [];
  for (const r of records) {
    if (r.kind !== 'finding') continue;
    const g = r.payload.frameGrab;
    if (!isPlainObject(g)) continue;
    refs.push({
      recordId: r.id,
      id: String(g.id),
      sha256: String(g.sha256),
      size: typeof g.size === 'number' ? g.size : -1,
      mediaType: String(g.mediaType),
    });
  }
  return refs;
}

export type EvidenceLinkProblem = {
  code: 'evidence-missing' | 'evidence-mismatch';
  message: string;
};

/**
 * The first record whose cited evidence is absent from the manifest or differs from it (id,
 * owning record, size, SHA-256, media type); null when every citation is carried as cited.
 */
export function checkEvidenceLinks(
  records: readonly ResultRecord[],
  evidence: readonly Pick<EvidenceFile, 'id' | 'size' | 'sha256' | 'mediaType' | 'recordId'>[],
): EvidenceLinkProblem | null {
  const byId = new Map(evidence.map((f) => [f.id, f]));
  for (const ref of evidenceRefs(records)) {
    const f = byId.get(ref.id);
    if (!f)
      return {
        code: 'evidence-missing',
        message: `记录 ${ref.recordId} 引用的截图 ${ref.id} 不在结果包附件中`,
      };
    if (f.recordId !== ref.recordId)
      return {
        code: 'evidence-mismatch',
        message: `截图 ${ref.id} 在清单中属于记录 ${f.recordId ?? '（无）'}，而引用它的是记录 ${ref.recordId}`,
      };
    if (f.sha256 !== ref.sha256 || f.size !== ref.size || f.mediaType !== ref.mediaType)
      return {
        code: 'evidence-mismatch',
        message: `截图 ${ref.id} 的大小、SHA-256 或类型与记录 ${ref.recordId} 中登记的不符`,
      };
  }
  return null;
}
