// The files the next bundle's records cite — today each finding's frame grab — read from the
// profile's database and handed to main with the records. A finding travels only together
// with its grab: when the grabs would overflow one bundle, the findings they belong to wait
// for the next one (still pending), so no bundle ever cites a file it lacks.
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import { evidenceRefs, frameGrabPath } from '../../../src-shared/bundle/evidenceLinks';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import {
  MAX_EVIDENCE_BYTES_PER_BUNDLE,
  MAX_EVIDENCE_FILES_PER_BUNDLE,
  type EvidenceUpload,
} from '../../../src-shared/ipc/sync';
import type { WorkstationDb } from '../../db/db';

export type EvidenceGathered =
  | { ok: true; records: ResultRecord[]; evidence: EvidenceUpload[]; deferred: number }
  | { ok: false; code: 'grab-missing'; recordId: string; grabId: string };

export interface EvidenceBudget {
  maxBytes: number;
  maxFiles: number;
}

const DEFAULT_BUDGET: EvidenceBudget = {
  maxBytes: MAX_EVIDENCE_BYTES_PER_BUNDLE,
  maxFiles: MAX_EVIDENCE_FILES_PER_BUNDLE,
};

export async function gatherEvidence(
  db: WorkstationDb,
  records: readonly ResultRecord[],
  budget: EvidenceBudget = DEFAULT_BUDGET,
): Promise<EvidenceGathered> {
  const refs = new Map(evidenceRefs(records).map((r) => [r.recordId, r]));
  const kept: ResultRecord[] = [];
  const evidence: EvidenceUpload[] = [];
  let bytes = 0;
  let deferred = 0;
  for (const record of records) {
    const ref = refs.get(record.id);
    if (!ref) {
      kept.push(record);
      continue;
    }
    const row = await db.frameGrabs.get(ref.id);
    if (!row || row.findingId !== record.id)
      return { ok: false, code: 'grab-missing', recordId: record.id, grabId: ref.id };
    if (bytes + row.png.size > budget.maxBytes || evidence.length + 1 > budget.maxFiles) {
      deferred += 1;
      continue;
    }
    bytes += row.png.size;
    kept.push(record);
    evidence.push({
      id: ref.id,
      path: frameGrabPath(ref.id),
      mediaType: 'image/png',
      recordId: record.id,
      dataBase64: bytesToBase64(new Uint8Array(await row.png.arrayBuffer())),
    });
  }
  return { ok: true, records: kept, evidence, deferred };
}
