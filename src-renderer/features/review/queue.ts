// The expert's work list: every assignment for the linked expert, with what the screen needs
// to show about it (trainee, class, state of the review) — one query, read in one transaction.
import type { ProgramCode } from '../../../src-shared/bundle/records';
import type { WorkstationDb } from '../../db/db';
import type { AssignmentRow, SubmissionRow } from '../../db/types';
import { latestOf, type ReviewRow } from './reviewStore';

export type QueueState = 'todo' | 'draft' | 'pending' | 'sent' | 'acknowledged';

export interface QueueItem {
  assignment: AssignmentRow;
  submission: SubmissionRow | null;
  traineeName: string;
  className: string;
  program: ProgramCode | null;
  state: QueueState;
  /** A draft exists (for a submitted review: an unsubmitted change). */
  hasDraft: boolean;
  latest: ReviewRow | null;
  /** How many versions this profile has submitted (a change adds one). */
  versions: number;
}

function stateOf(latest: ReviewRow | null, hasDraft: boolean): QueueState {
  if (!latest) return hasDraft ? 'draft' : 'todo';
  if (latest.syncState === 'sent') return 'sent';
  if (latest.syncState === 'acknowledged') return 'acknowledged';
  return 'pending';
}

export async function loadQueue(
  db: WorkstationDb,
  profileId: string,
  expertId: string,
): Promise<QueueItem[]> {
  return db.transaction(
    'r',
    [db.assignments, db.submissions, db.trainees, db.classes, db.reviews, db.reviewDrafts],
    async () => {
      const assignments = await db.assignments.where('expertId').equals(expertId).toArray();
      const ids = assignments.map((a) => a.id);
      const [subs, reviews, drafts] = await Promise.all([
        db.submissions.bulkGet(assignments.map((a) => a.submissionId)),
        db.reviews.where('assignmentId').anyOf(ids).toArray() as Promise<unknown[]> as Promise<
          ReviewRow[]
        >,
        db.reviewDrafts
          .where('[profileId+assignmentId]')
          .anyOf(ids.map((id) => [profileId, id]))
          .toArray(),
      ]);
      const [trainees, classes] = await Promise.all([
        db.trainees.bulkGet(subs.map((s) => s?.traineeId ?? '')),
        db.classes.bulkGet(subs.map((s) => s?.classId ?? '')),
      ]);
      const draftFor = new Set(drafts.map((d) => d.assignmentId));
      const own = reviews.filter((r) => r.profileId === profileId);
      const items = assignments.map((assignment, i): QueueItem => {
        const history = own
          .filter((r) => r.assignmentId === assignment.id)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
        const latest = latestOf(history);
        const hasDraft = draftFor.has(assignment.id);
        return {
          assignment,
          submission: subs[i] ?? null,
          traineeName: trainees[i]?.name ?? '—',
          className: classes[i]?.name ?? '—',
          program: classes[i]?.program ?? null,
          state: stateOf(latest, hasDraft),
          hasDraft,
          latest,
          versions: history.length,
        };
      });
      // Due date first (none last), then by submission so the order is stable for j/k.
      return items.sort(
        (a, b) =>
          (a.assignment.dueAt ?? '9999').localeCompare(b.assignment.dueAt ?? '9999') ||
          a.assignment.submissionId.localeCompare(b.assignment.submissionId),
      );
    },
  );
}
