// The chair's side of IndexedDB: which panel this profile chairs, the other experts' records
// imported from their bundles, and the panel decisions (signed later in the chair's bundle).
// Decisions about what to store are made by src-shared/panel; this file only reads and writes.
import type { Panel } from '../../../src-shared/records/records';
import type { VerifiedExpertBundle } from '../../../src-shared/ipc/panel';
import {
  decisionIssues,
  panelDecisionSchema,
  type DecisionAction,
  type PanelDecision,
} from '../../../src-shared/panel/decision';
import { planIntake, type PanelRecord } from '../../../src-shared/panel/reviewIntake';
import type { PanelInput, SubmissionSummary } from '../../../src-shared/panel/summary';
import type { ConflictDeclaration } from '../../../src-shared/review/conflict';
import type { Review, Verdict } from '../../../src-shared/review/schema';
import { appendAudit } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import type { PanelRecordRow, PanelRow, SyncState } from '../../db/types';
import { linkedExpertId } from '../../db/expertLink';

export type DecisionRow = PanelDecision & { syncState: SyncState };

/** The panels the profile's linked expert chairs (the package names each panel's chair). */
export async function chairedPanels(
  db: WorkstationDb,
  profileId: string,
): Promise<{ expertId: string | null; panels: PanelRow[] }> {
  const expertId = await linkedExpertId(db, profileId);
  if (!expertId) return { expertId: null, panels: [] };
  const panels = await db.panels.filter((p) => p.chairId === expertId).sortBy('id');
  return { expertId, panels };
}

/** The enrolled keys of the panel's members, for main to verify their bundles with. */
export async function panelExpertKeys(db: WorkstationDb, panel: Panel) {
  const ids = [...new Set([panel.chairId, ...panel.expertIds])];
  const experts = (await db.experts.bulkGet(ids)).filter((e) => e !== undefined);
  return experts.map((e) => ({ expertId: e.id, keys: e.keys ?? [] }));
}

const asPanelRecord = (row: PanelRecordRow): PanelRecord =>
  row.kind === 'review'
    ? { kind: 'review', record: row.record as unknown as Review }
    : { kind: 'conflict', record: row.record as unknown as ConflictDeclaration };

export interface ImportSummary {
  fileName: string;
  added: number;
  duplicates: number;
  conflicts: { id: string; message: string }[];
  refused: { id: string; message: string }[];
}

/**
 * Stores what main verified from one expert's bundle: new records added, repeats skipped,
 * records that differ from a stored one with the same id refused and kept for the chair to
 * see. One transaction with its audit entry, so an import is stored whole or not at all.
 */
export async function importExpertRecords(
  db: WorkstationDb,
  opts: {
    panel: Panel;
    profileId: string;
    bundle: VerifiedExpertBundle;
    now?: Date;
  },
): Promise<ImportSummary> {
  const { panel, bundle } = opts;
  const at = (opts.now ?? new Date()).toISOString();
  const tables = [
    db.panelRecords,
    db.panelRefusals,
    db.assignments,
    db.submissions,
    db.classes,
    db.rubrics,
    db.auditLog,
  ];
  return db.transaction('rw', tables, async () => {
    const assignments = await db.assignments.where('panelId').equals(panel.id).toArray();
    const subIds = [...new Set(assignments.map((a) => a.submissionId))];
    const rubricOf = await rubricsBySubmission(db, subIds);
    const existingRows = await db.panelRecords.bulkGet(bundle.records.map((r) => r.id));
    const existing = new Map(
      existingRows.flatMap((r) => (r ? [[r.id, asPanelRecord(r)] as const] : [])),
    );
    const outcomes = planIntake(bundle.records, {
      signerExpertIds: bundle.signerExpertIds,
      assignments: new Map(assignments.map((a) => [a.id, a])),
      rubricFor: (id) => rubricOf.get(id),
      existing,
    });
    const summary: ImportSummary = {
      fileName: bundle.fileName,
      added: 0,
      duplicates: 0,
      conflicts: [],
      refused: [],
    };
    for (const o of outcomes) {
      if (o.status === 'duplicate') summary.duplicates += 1;
      else if (o.status === 'refused') summary.refused.push({ id: o.id, message: o.message });
      else if (o.status === 'conflict') {
        summary.conflicts.push({ id: o.id, message: o.message });
        await db.panelRefusals.add({
          recordId: o.id,
          at,
          fileName: bundle.fileName,
          bundleId: bundle.bundleId,
          message: o.message,
          incoming: { kind: o.incoming.kind, ...o.incoming.record },
          stored: { kind: o.stored.kind, ...o.stored.record },
        });
      } else {
        const r = o.item.record;
        await db.panelRecords.add({
          id: r.id,
          kind: o.item.kind,
          assignmentId: r.assignmentId,
          submissionId: r.submissionId,
          expertId: r.expertId,
          record: { ...r },
          bundleId: bundle.bundleId,
          bundleHash: bundle.bundleHash,
          importedAt: at,
        });
        summary.added += 1;
      }
    }
    await appendAudit(db, {
      at,
      actor: opts.profileId,
      action: 'import',
      entityKind: 'bundle',
      entityId: bundle.bundleId,
      payload: {
        bundleId: bundle.bundleId,
        bundleHash: bundle.bundleHash,
        added: outcomes.flatMap((o) => (o.status === 'new' ? [o.item.record.id] : [])),
        refused: [...summary.conflicts, ...summary.refused].map((x) => x.id),
      },
    });
    return summary;
  });
}

async function rubricsBySubmission(db: WorkstationDb, submissionIds: readonly string[]) {
  const subs = (await db.submissions.bulkGet([...submissionIds])).filter((s) => s !== undefined);
  const classes = new Map(
    (await db.classes.bulkGet([...new Set(subs.map((s) => s.classId))]))
      .filter((c) => c !== undefined)
      .map((c) => [c.id, c]),
  );
  const rubrics = await db.rubrics.toArray();
  const out = new Map<string, (typeof rubrics)[number]>();
  for (const s of subs) {
    const program = classes.get(s.classId)?.program;
    const r =
      rubrics.find(
        (x) => x.program === program && x.submissionKind === s.kind && x.packageId === s.packageId,
      ) ?? rubrics.find((x) => x.program === program && x.submissionKind === s.kind);
    if (r) out.set(s.id, r);
  }
  return out;
}

/** Everything summarizePanel needs, read in one transaction. */
export async function loadPanelInput(db: WorkstationDb, panel: PanelRow): Promise<PanelInput> {
  const tables = [
    db.assignments,
    db.submissions,
    db.trainees,
    db.classes,
    db.experts,
    db.rubrics,
    db.reviews,
    db.panelRecords,
    db.panelDecisions,
    db.conflicts,
  ];
  return db.transaction('r', tables, async () => {
    const assignments = await db.assignments.where('panelId').equals(panel.id).toArray();
    const subIds = [...new Set(assignments.map((a) => a.submissionId))];
    const asgIds = new Set(assignments.map((a) => a.id));
    const submissions = (await db.submissions.bulkGet(subIds)).filter((s) => s !== undefined);
    const trainees = new Map(
      (await db.trainees.bulkGet([...new Set(submissions.map((s) => s.traineeId))]))
        .filter((t) => t !== undefined)
        .map((t) => [t.id, t.name]),
    );
    const classes = new Map(
      (await db.classes.bulkGet([...new Set(submissions.map((s) => s.classId))]))
        .filter((c) => c !== undefined)
        .map((c) => [c.id, c.name]),
    );
    const rubricOf = await rubricsBySubmission(db, subIds);
    const experts = await db.experts.toArray();
    // The chair's own reviews (entered on this workstation) and the imported ones.
    // One pass over each table rather than anyOf(thousands of ids): a chair's workstation holds
    // little besides this panel's records, and a key-by-key range walk costs far more.
    const subSet = new Set(subIds);
    const own = (await db.reviews
      .filter((r) => subSet.has(r.submissionId as string))
      .toArray()) as unknown[] as Review[];
    const imported = await db.panelRecords.filter((r) => subSet.has(r.submissionId)).toArray();
    const ownRecusals = (
      (await db.conflicts
        .filter((r) => asgIds.has(r.assignmentId as string))
        .toArray()) as unknown[] as (ConflictDeclaration & { syncState?: string })[]
    ).map(({ syncState: _local, ...r }) => r);
    const decisions = (await db.panelDecisions
      .where('panelId')
      .equals(panel.id)
      .toArray()) as unknown[] as DecisionRow[];
    return {
      panel,
      experts,
      assignments,
      submissions,
      traineeName: (id) => trainees.get(id) ?? id,
      className: (id) => classes.get(id) ?? id,
      rubricFor: (id) => rubricOf.get(id),
      reviews: [
        ...own.filter((r) => asgIds.has(r.assignmentId)),
        ...imported.filter((r) => r.kind === 'review').map((r) => r.record as unknown as Review),
      ],
      // The chair's own recusals (declared on this workstation) count like imported ones.
      recusals: [
        ...ownRecusals,
        ...imported
          .filter((r) => r.kind === 'conflict')
          .map((r) => r.record as unknown as ConflictDeclaration),
      ],
      decisions,
    };
  });
}

export interface DecisionDraft {
  action: DecisionAction;
  verdict: Verdict | null;
  reason: string;
}

export type RecordDecisionResult =
  | { ok: true; decision: DecisionRow }
  | { ok: false; errors: Partial<Record<'verdict' | 'reason' | 'reviews' | 'form', string>> };

/**
 * Validates and records the chair's decision on one submission (pending, for the chair's next
 * bundle) with its audit entry. A second decision on the same submission supersedes the first.
 */
export async function recordDecision(
  db: WorkstationDb,
  opts: {
    profileId: string;
    chairExpertId: string;
    panelId: string;
    summary: SubmissionSummary;
    draft: DecisionDraft;
    now?: Date;
    newId?: () => string;
  },
): Promise<RecordDecisionResult> {
  const { summary, draft } = opts;
  const issues = decisionIssues(draft, summary.stats);
  if (issues.length > 0) {
    return { ok: false, errors: Object.fromEntries(issues.map((i) => [i.field, i.message])) };
  }
  const parsed = panelDecisionSchema.safeParse({
    id: `pd-${(opts.newId ?? (() => crypto.randomUUID()))()}`,
    panelId: opts.panelId,
    submissionId: summary.submission.id,
    traineeId: summary.submission.traineeId,
    classId: summary.submission.classId,
    profileId: opts.profileId,
    chairExpertId: opts.chairExpertId,
    action: draft.action,
    ...(draft.action === 'decide' && draft.verdict ? { verdict: draft.verdict } : {}),
    reason: draft.reason.trim(),
    reviewIds: summary.entries.flatMap((e) => (e.status === 'reviewed' ? [e.review.id] : [])),
    basis: {
      mean: summary.stats.mean,
      spread: summary.stats.spread,
      majority: summary.stats.majority,
      flagged: summary.stats.disagreement.length > 0,
    },
    createdAt: (opts.now ?? new Date()).toISOString(),
  });
  if (!parsed.success) {
    return { ok: false, errors: { form: parsed.error.issues[0]?.message ?? '结论格式不正确' } };
  }
  return db.transaction('rw', db.panelDecisions, db.auditLog, async () => {
    const current = (await db.panelDecisions
      .where('submissionId')
      .equals(summary.submission.id)
      .toArray()) as unknown[] as DecisionRow[];
    const superseded = new Set(current.map((d) => d.supersedes).filter(Boolean));
    const head = current
      .filter((d) => !superseded.has(d.id))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1);
    const decision: PanelDecision = head ? { ...parsed.data, supersedes: head.id } : parsed.data;
    const row: DecisionRow = { ...decision, syncState: 'pending' };
    await db.panelDecisions.add(row);
    await appendAudit(db, {
      at: decision.createdAt,
      actor: opts.profileId,
      action: head ? 'change' : 'decide',
      entityKind: 'panel-decision',
      entityId: decision.id,
      payload: decision,
    });
    return { ok: true as const, decision: row };
  });
}
