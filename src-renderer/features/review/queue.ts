// The expert's work list: every assignment for the linked expert, with what the screen needs
// to show about it (trainee, class, state of the review) — one query, read in one transaction.
import type { ProgramCode } from '../../../src-shared/records/records';
import Dexie, { type Table } from 'dexie';
import type { WorkstationDb } from '../../db/db';
import { rowsById } from '../../db/rowsById';
import type { AssignmentRow, SubmissionRow } from '../../db/types';
import { declarationsInForce, isRecused } from '../../../src-shared/review/conflict';
import { latestOf, type ReviewRow } from './reviewStore';

export type QueueState = 'todo' | 'draft' | 'pending' | 'sent' | 'acknowledged' | 'recused';

export interface QueueItem {
  assignment: AssignmentRow;
  submission: SubmissionRow | null;
  traineeName: string;
  className: string;
  program: ProgramCode | null;
  organizerId: string | null;
  organizerName: string;
  traineeId: string | null;
  state: QueueState;
  /** A draft exists (for a submitted review: an unsubmitted change). */
  hasDraft: boolean;
  latest: ReviewRow | null;
  /** How many versions this profile has submitted (a change adds one). */
  versions: number;
}

/** Like bulkGet, reading each distinct id once. */
async function distinctById<T>(table: Table<T, string>, ids: string[]): Promise<(T | undefined)[]> {
  const keys = [...new Set(ids)];
  const rows = await table.bulkGet(keys);
  const byKey = new Map(keys.map((k, i) => [k, rows[i]]));
  return ids.map((id) => byKey.get(id));
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
    [
      db.assignments,
      db.submissions,
      db.trainees,
      db.classes,
      db.organizers,
      db.reviews,
      db.reviewDrafts,
      db.conflictDeclarations,
    ],
    async () => {
      const assignments = await db.assignments.where('expertId').equals(expertId).toArray();
      const ids = new Set(assignments.map((a) => a.id));
      const packageIds = [...new Set(assignments.map((a) => a.packageId))];
      // This profile's own reviews and drafts, by the indexes that start with the profile (one
      // range each): anyOf over 50,000 assignment ids walked a cursor key by key.
      const own = [profileId, Dexie.minKey] as const;
      const ownEnd = [profileId, Dexie.maxKey] as const;
      const [subs, reviews, drafts, declarations] = await Promise.all([
        rowsById(
          db.submissions,
          assignments.map((a) => a.submissionId),
          packageIds,
        ),
        db.reviews
          .where('[profileId+submissionId]')
          .between(own, ownEnd, true, true)
          .toArray() as Promise<unknown[]> as Promise<ReviewRow[]>,
        db.reviewDrafts
          .where('[profileId+assignmentId]')
          .between(own, ownEnd, true, true)
          .toArray(),
        db.conflictDeclarations.where('profileId').equals(profileId).toArray(),
      ]);
      const [trainees, classes] = await Promise.all([
        rowsById(
          db.trainees,
          subs.map((s) => s?.traineeId ?? ''),
          packageIds,
        ),
        // A few hundred classes behind tens of thousands of assignments: each read once.
        distinctById(
          db.classes,
          subs.map((s) => s?.classId ?? ''),
        ),
      ]);
      const organizers = await distinctById(
        db.organizers,
        classes.map((c) => c?.organizerId ?? ''),
      );
      const inForce = declarationsInForce(declarations);
      const draftFor = new Set(drafts.map((d) => d.assignmentId));
      // Grouped once: filtering every review per assignment grew as assignments × reviews.
      const ownByAssignment = new Map<string, ReviewRow[]>();
      for (const r of reviews) {
        if (r.profileId !== profileId || !ids.has(r.assignmentId)) continue;
        const list = ownByAssignment.get(r.assignmentId);
        if (list) list.push(r);
        else ownByAssignment.set(r.assignmentId, [r]);
      }
      const items = assignments.map((assignment, i): QueueItem => {
        const history = (ownByAssignment.get(assignment.id) ?? []).sort(
          (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
        );
        const latest = latestOf(history);
        const hasDraft = draftFor.has(assignment.id);
        const organizerId = classes[i]?.organizerId ?? null;
        const traineeId = subs[i]?.traineeId ?? null;
        return {
          assignment,
          submission: subs[i] ?? null,
          traineeName: trainees[i]?.name ?? '—',
          className: classes[i]?.name ?? '—',
          program: classes[i]?.program ?? null,
          organizerId,
          organizerName: organizers[i]?.name ?? organizerId ?? '—',
          traineeId,
          // A recusal outranks any state: the expert does not score what they are recused from.
          state: isRecused(inForce, organizerId, traineeId) ? 'recused' : stateOf(latest, hasDraft),
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

// ---- what the list shows: filters, search and order (pure, tested in Node) -------------

/** 全部 leaves out recused items: a recusal takes them off the expert's list. */
export const statusFilters = ['all', 'todo', 'draft', 'submitted', 'recused'] as const;
export type StatusFilter = (typeof statusFilters)[number];
export const queueSorts = ['deadline', 'class', 'status'] as const;
export type QueueSort = (typeof queueSorts)[number];

export interface QueueView {
  status: StatusFilter;
  program: ProgramCode | null;
  classId: string | null;
  organizerId: string | null;
  kind: string | null;
  /** Part of the trainee's name or the title; blank matches everything. */
  search: string;
  sort: QueueSort;
}

export const defaultView = (): QueueView => ({
  status: 'all',
  program: null,
  classId: null,
  organizerId: null,
  kind: null,
  search: '',
  sort: 'deadline',
});

export function statusMatches(state: QueueState, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return state !== 'recused';
    case 'todo':
      return state === 'todo';
    case 'draft':
      return state === 'draft';
    case 'submitted':
      return state === 'pending' || state === 'sent' || state === 'acknowledged';
    case 'recused':
      return state === 'recused';
  }
}

/** The order of 按状态: drafts first, recused last. */
export const STATE_ORDER: Record<QueueState, number> = {
  draft: 0,
  todo: 1,
  pending: 2,
  sent: 3,
  acknowledged: 4,
  recused: 5,
};

// Plain code-unit comparison: due dates are ISO, ids ASCII, and class names only need a stable
// order; localeCompare would cost several times more at 50,000 rows.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byDeadline = (a: QueueItem, b: QueueItem) =>
  cmp(a.assignment.dueAt ?? '9999', b.assignment.dueAt ?? '9999') ||
  cmp(a.assignment.submissionId, b.assignment.submissionId);

export const comparators: Record<QueueSort, (a: QueueItem, b: QueueItem) => number> = {
  deadline: byDeadline,
  class: (a, b) => cmp(a.className, b.className) || byDeadline(a, b),
  status: (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || byDeadline(a, b),
};

/** Every item in the order of a sort (done once per sort and data change, not per keystroke). */
export function sortQueue(items: readonly QueueItem[], sort: QueueSort): QueueItem[] {
  return [...items].sort(comparators[sort]);
}

/** The items a view's filters and search keep, in the order they come in. */
export function filterQueue(items: readonly QueueItem[], view: QueueView): QueueItem[] {
  const needle = view.search.trim().toLowerCase();
  return items.filter(
    (i) =>
      statusMatches(i.state, view.status) &&
      (view.program === null || i.program === view.program) &&
      (view.classId === null || i.submission?.classId === view.classId) &&
      (view.organizerId === null || i.organizerId === view.organizerId) &&
      (view.kind === null || i.submission?.kind === view.kind) &&
      (needle === '' ||
        i.traineeName.toLowerCase().includes(needle) ||
        (i.submission?.title.toLowerCase().includes(needle) ?? false)),
  );
}

/** The items the list shows for a view, in its order. */
export function viewQueue(items: readonly QueueItem[], view: QueueView): QueueItem[] {
  return filterQueue(sortQueue(items, view.sort), view);
}

/** How many items each status filter would show (for the filter's labels). */
export function statusCounts(items: readonly QueueItem[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = {
    all: 0,
    todo: 0,
    draft: 0,
    submitted: 0,
    recused: 0,
  };
  for (const i of items) for (const f of statusFilters) if (statusMatches(i.state, f)) counts[f]++;
  return counts;
}

// ---- one list after another (the live query re-reads the whole list on every change) ----

/** Same own keys with the same values; arrays of plain values compared element by element. */
function sameRecord(a: object | null, b: object | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    const u = x[k];
    const v = y[k];
    if (u === v) continue;
    if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length) return false;
    if (u.some((e, i) => e !== v[i])) return false;
  }
  return true;
}

/** Whether the list shows an item the same way (a stored review is only ever re-marked as sent). */
export function sameQueueItem(a: QueueItem, b: QueueItem): boolean {
  return (
    a.state === b.state &&
    a.hasDraft === b.hasDraft &&
    a.versions === b.versions &&
    a.traineeName === b.traineeName &&
    a.className === b.className &&
    a.program === b.program &&
    a.organizerId === b.organizerId &&
    a.organizerName === b.organizerName &&
    a.traineeId === b.traineeId &&
    a.latest?.id === b.latest?.id &&
    a.latest?.syncState === b.latest?.syncState &&
    sameRecord(a.assignment, b.assignment) &&
    sameRecord(a.submission, b.submission)
  );
}

/**
 * `next` with every item that reads the same as the previous list's item at its place replaced
 * by that item, so that what did not change keeps its identity (and its place in the queue's
 * index, see updateQueueIndex); `prev` itself when nothing changed at all.
 */
export function keepUnchanged(
  prev: readonly QueueItem[] | undefined,
  next: readonly QueueItem[],
): readonly QueueItem[] {
  if (!prev || prev.length !== next.length) return next;
  let changed = false;
  const out = next.map((item, i) => {
    const old = prev[i]!;
    if (old.assignment.id === item.assignment.id && sameQueueItem(old, item)) return old;
    changed = true;
    return item;
  });
  return changed ? out : prev;
}
