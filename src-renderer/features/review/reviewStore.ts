// Reading and writing an expert's reviews in IndexedDB: drafts saved on every change, and submission — the review row and its audit entry in one transaction.
import { z } from 'zod';
import type { Rubric } from '../../../src-shared/records/records';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import { anchorIssues, pageAnchorSchema, type PageAnchor } from '../../../src-shared/review/anchor';
import {
  REVISION_REASON_MIN,
  reviewFieldErrors,
  reviewSchema,
  rubricIssues,
  totalOf,
  verdicts,
  type Review,
} from '../../../src-shared/review/schema';
import { appendAudit } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import type { AssignmentRow, SyncState } from '../../db/types';

/** A stored review: the record as submitted plus where it is on its way to the platform. */
export type ReviewRow = Review & { syncState: SyncState };

// ---- drafts ---------------------------------------------------------------------------

/** An anchor while it is drafted: the reader also knew how many pages the file has. */
export type DraftAnchor = PageAnchor & { pageCount?: number };

export interface DraftData {
  /** Criterion id → score; null while the field is empty. */
  scores: Record<string, number | null>;
  verdict: Review['verdict'] | null;
  comment: string;
  noConflict: boolean;
  /** Only for a change of a submitted review (修改): why it is changed. */
  revisionReason?: string;
  /** 引用此页: pages cited for a criterion or for the comment. */
  anchors?: DraftAnchor[];
  /** Criterion id → its own comment (required where the rubric's commentBelow says). */
  criterionComments?: Record<string, string>;
  /** Raised hard-fail check id → its note. */
  hardFails?: Record<string, string>;
}

const draftDataSchema = z.object({
  scores: z.record(z.string(), z.number().nullable()),
  verdict: z.enum(verdicts).nullable(),
  comment: z.string(),
  noConflict: z.boolean(),
  revisionReason: z.string().optional(),
  anchors: z
    .array(pageAnchorSchema.extend({ pageCount: z.number().int().positive().optional() }))
    .optional(),
  criterionComments: z.record(z.string(), z.string()).optional(),
  hardFails: z.record(z.string(), z.string()).optional(),
});

export const emptyDraft = (): DraftData => ({
  scores: {},
  verdict: null,
  comment: '',
  noConflict: false,
});

export function draftFromReview(r: Review): DraftData {
  return {
    scores: Object.fromEntries(r.scores.map((s) => [s.criterionId, s.score])),
    verdict: r.verdict,
    comment: r.comment,
    noConflict: r.noConflict,
    ...(r.anchors ? { anchors: r.anchors.map((a) => ({ ...a })) } : {}),
    ...(r.criterionComments
      ? {
          criterionComments: Object.fromEntries(
            r.criterionComments.map((c) => [c.criterionId, c.comment]),
          ),
        }
      : {}),
    ...(r.hardFails
      ? { hardFails: Object.fromEntries(r.hardFails.map((h) => [h.checkId, h.note])) }
      : {}),
  };
}

/** The record's fields from the draft's: empty lists are left out, as older records have them. */
function draftExtras(draft: DraftData, rubric: Rubric): Partial<Review> {
  const anchors = (draft.anchors ?? []).map(({ pageCount: _local, ...a }): PageAnchor => ({
    fileSha256: a.fileSha256,
    page: a.page,
    ...(a.quote ? { quote: a.quote } : {}),
    ...(a.criterionId ? { criterionId: a.criterionId } : {}),
  }));
  const comments = rubric.criteria.flatMap((c) => {
    const comment = (draft.criterionComments?.[c.id] ?? '').trim();
    return comment ? [{ criterionId: c.id, comment }] : [];
  });
  const raised = (rubric.hardFails ?? []).flatMap((h) => {
    const note = draft.hardFails?.[h.id];
    return note === undefined ? [] : [{ checkId: h.id, note: note.trim() }];
  });
  return {
    ...(anchors.length > 0 ? { anchors } : {}),
    ...(comments.length > 0 ? { criterionComments: comments } : {}),
    ...(raised.length > 0 ? { hardFails: raised } : {}),
  };
}

export async function loadDraft(
  db: WorkstationDb,
  profileId: string,
  assignmentId: string,
): Promise<DraftData | null> {
  const row = await db.reviewDrafts.get([profileId, assignmentId]);
  const parsed = draftDataSchema.safeParse(row?.data);
  return parsed.success ? parsed.data : null;
}

export async function saveDraft(
  db: WorkstationDb,
  profileId: string,
  assignmentId: string,
  data: DraftData,
  now: Date = new Date(),
): Promise<void> {
  await db.reviewDrafts.put({ profileId, assignmentId, updatedAt: now.toISOString(), data });
}

export async function discardDraft(
  db: WorkstationDb,
  profileId: string,
  assignmentId: string,
): Promise<void> {
  await db.reviewDrafts.delete([profileId, assignmentId]);
}

// ---- submitted reviews ----------------------------------------------------------------

/** The profile's reviews of one assignment, oldest first. */
export async function reviewHistory(
  db: WorkstationDb,
  profileId: string,
  assignmentId: string,
): Promise<ReviewRow[]> {
  const rows = (await db.reviews
    .where('assignmentId')
    .equals(assignmentId)
    .toArray()) as unknown[] as ReviewRow[];
  return rows
    .filter((r) => r.profileId === profileId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The version in force: the one no later record supersedes. */
export function latestOf(history: readonly ReviewRow[]): ReviewRow | null {
  const superseded = new Set(history.map((r) => r.supersedes).filter(Boolean));
  const heads = history.filter((r) => !superseded.has(r.id));
  return heads[heads.length - 1] ?? null;
}

export type SubmitResult =
  | { ok: true; review: ReviewRow; action: 'submit' | 'change' }
  | { ok: false; errors: Record<string, string> };

export interface SubmitInput {
  profileId: string;
  assignment: AssignmentRow;
  rubric: Rubric;
  draft: DraftData;
  /** The submission's files: anchors may cite only these (and pages the reader counted). */
  files?: readonly { sha256: string; path: string }[];
  now?: Date;
  newId?: () => string;
}

function sameContent(a: Review, b: Review): boolean {
  const scores = (r: Review) =>
    JSON.stringify([...r.scores].sort((x, y) => x.criterionId.localeCompare(y.criterionId)));
  const extras = (r: Review) =>
    JSON.stringify([r.anchors ?? [], r.criterionComments ?? [], r.hardFails ?? []]);
  return (
    a.verdict === b.verdict &&
    a.comment === b.comment &&
    scores(a) === scores(b) &&
    extras(a) === extras(b)
  );
}

/**
 * Validates the draft against the rubric and, only if it is valid, writes the review row
 * (syncState 'pending') and its audit entry in one transaction, and drops the draft. The first
 * review of an assignment is logged as 'submit'; a later one supersedes the version in force
 * and is logged as 'change'. Invalid input writes nothing and returns Chinese errors per field.
 */
export async function submitReview(db: WorkstationDb, input: SubmitInput): Promise<SubmitResult> {
  const { profileId, assignment, rubric, draft } = input;
  const now = input.now ?? new Date();
  const scores = rubric.criteria.flatMap((c) => {
    const v = draft.scores[c.id];
    return typeof v === 'number' && Number.isFinite(v) ? [{ criterionId: c.id, score: v }] : [];
  });
  const candidate = {
    id: `rv-${(input.newId ?? (() => crypto.randomUUID()))()}`,
    assignmentId: assignment.id,
    submissionId: assignment.submissionId,
    expertId: assignment.expertId,
    profileId,
    rubricId: rubric.id,
    scores,
    total: totalOf(scores),
    verdict: draft.verdict ?? undefined,
    comment: draft.comment,
    noConflict: draft.noConflict,
    ...draftExtras(draft, rubric),
    createdAt: now.toISOString(),
  };
  // Shape errors and rubric errors together, so every field that needs attention is marked.
  const parsed = reviewSchema.safeParse(candidate);
  const pageCounts = new Map(
    (draft.anchors ?? []).flatMap((a) => (a.pageCount ? [[a.fileSha256, a.pageCount]] : [])),
  );
  const files = input.files;
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues),
    ...rubricIssues(candidate, rubric),
    ...(files && candidate.anchors
      ? anchorIssues(candidate.anchors, {
          fileSha256s: new Set(files.map((f) => f.sha256)),
          criterionIds: new Set(rubric.criteria.map((c) => c.id)),
          pageCount: (sha) => pageCounts.get(sha),
          fileName: (sha) =>
            files
              .find((f) => f.sha256 === sha)
              ?.path.split('/')
              .at(-1),
        })
      : []),
  ];
  if (!parsed.success || issues.length > 0) return { ok: false, errors: reviewFieldErrors(issues) };
  const review = parsed.data;

  return db.transaction('rw', db.reviews, db.auditLog, db.reviewDrafts, async () => {
    // Read the version in force inside the transaction so two quick submits cannot both claim
    // to be the first version.
    const current = latestOf(await reviewHistory(db, profileId, assignment.id));
    if (current && sameContent(current, review)) {
      return {
        ok: false as const,
        errors: { form: '内容与已提交的评审相同，无需再次提交' } as Record<string, string>,
      };
    }
    const reason = (draft.revisionReason ?? '').trim();
    if (current && reason.length < REVISION_REASON_MIN) {
      return {
        ok: false as const,
        errors: {
          revisionReason: `修改已提交的评审须写明修改理由（至少 ${REVISION_REASON_MIN} 个字）`,
        },
      };
    }
    const history = current ? await reviewHistory(db, profileId, assignment.id) : [];
    const record: Review = current
      ? {
          ...review,
          supersedes: current.id,
          revision: Math.max(current.revision ?? 1, history.length) + 1,
          revisionReason: reason.slice(0, 500),
        }
      : { ...review, revision: 1 };
    const row: ReviewRow = { ...record, syncState: 'pending' };
    await db.reviews.add(row);
    const action = current ? ('change' as const) : ('submit' as const);
    await appendAudit(db, {
      at: record.createdAt,
      actor: profileId,
      action,
      entityKind: 'review',
      entityId: record.id,
      // The record as it will travel (without the local sync state).
      payload: record,
    });
    await db.reviewDrafts.delete([profileId, assignment.id]);
    return { ok: true as const, review: row, action };
  });
}

// ---- for the result bundle ------------------------------------------------------------

/**
 * The record as it travels in a result bundle. The payload is exactly what the audit entry
 * of this review hashed (the review without its local sync state).
 */
export function reviewResultRecord(row: ReviewRow): ResultRecord {
  const { syncState: _local, ...review } = row;
  return {
    id: review.id,
    kind: 'review',
    ...(review.supersedes ? { supersedes: review.supersedes } : {}),
    createdAt: review.createdAt,
    payload: review,
  };
}

/** Reviews not yet handed to the platform, oldest first (a change after its original). */
export async function pendingReviews(db: WorkstationDb): Promise<ReviewRow[]> {
  const rows = await db.reviews
    .where('[syncState+createdAt]')
    .between(['pending', ''], ['pending', '\uffff'])
    .toArray();
  return rows as unknown[] as ReviewRow[];
}
