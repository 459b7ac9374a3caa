// The expert's work list: every assignment for the linked expert, with what the screen needs
// to show about it (trainee, class, state of the review). Read in two parts that change at very
// different rates: the package part (assignments, submissions, trainees, classes, organizers),
// which only an import changes and which is the heavy read at panel scale, and this profile's
// own work (reviews, drafts, declarations), which every autosave changes. The screen watches
// each part on its own (queueLive.ts), so a saved draft re-reads only the small part, and
// combineQueue joins them again without touching what did not change.
import type { ProgramCode } from '../../../src-shared/records/records';
import Dexie, { type Table } from 'dexie';
import type { WorkstationDb } from '../../db/db';
import { rowsById } from '../../db/rowsById';
import type { AssignmentRow, SubmissionRow } from '../../db/types';
import {
  declarationsInForce,
  partyKey,
  type PartyDeclaration,
} from '../../../src-shared/review/conflict';
import { latestOf, type ReviewRow } from './reviewStore';

export type QueueState = 'todo' | 'draft' | 'pending' | 'sent' | 'acknowledged' | 'recused';

/** What the package says about an assignment (the same for every profile). */
export interface QueueBase {
  assignment: AssignmentRow;
  submission: SubmissionRow | null;
  traineeName: string;
  className: string;
  program: ProgramCode | null;
  organizerId: string | null;
  organizerName: string;
  traineeId: string | null;
}

export interface QueueItem extends QueueBase {
  state: QueueState;
  /** A draft exists (for a submitted review: an unsubmitted change). */
  hasDraft: boolean;
  latest: ReviewRow | null;
  /** How many versions this profile has submitted (a change adds one). */
  versions: number;
}

/** This profile's own work on the queue. */
export interface QueueOwn {
  profileId: string;
  reviews: ReviewRow[];
  /** Assignment ids that have a draft. */
  drafts: string[];
  declarations: PartyDeclaration[];
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

/** The package tables the base part reads. */
export const queueBaseTables = [
  'assignments',
  'submissions',
  'trainees',
  'classes',
  'organizers',
] as const;

/**
 * The expert's assignments with their package facts, in the queue's order (due date first,
 * none last, then by submission, so the order is stable for j/k). Reads only package tables.
 */
export async function loadQueueBase(db: WorkstationDb, expertId: string): Promise<QueueBase[]> {
  return db.transaction('r', [...queueBaseTables], async () => {
    const assignments = await db.assignments.where('expertId').equals(expertId).toArray();
    const packageIds = [...new Set(assignments.map((a) => a.packageId))];
    const subs = await rowsById(
      db.submissions,
      assignments.map((a) => a.submissionId),
      packageIds,
    );
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
    const base = assignments.map((assignment, i): QueueBase => {
      const organizerId = classes[i]?.organizerId ?? null;
      return {
        assignment,
        submission: subs[i] ?? null,
        traineeName: trainees[i]?.name ?? '—',
        className: classes[i]?.name ?? '—',
        program: classes[i]?.program ?? null,
        organizerId,
        organizerName: organizers[i]?.name ?? organizerId ?? '—',
        traineeId: subs[i]?.traineeId ?? null,
      };
    });
    return base.sort(
      (a, b) =>
        (a.assignment.dueAt ?? '9999').localeCompare(b.assignment.dueAt ?? '9999') ||
        a.assignment.submissionId.localeCompare(b.assignment.submissionId),
    );
  });
}

/** The profile's own tables the light part reads. */
export const queueOwnTables = ['reviews', 'reviewDrafts', 'conflictDeclarations'] as const;

/**
 * This profile's reviews, drafts and declarations, by the indexes that start with the profile
 * (one range each: anyOf over 50,000 assignment ids walked a cursor key by key). Reads no
 * package table, so its cost follows the profile's own work, not the package's size.
 */
export async function loadQueueOwn(db: WorkstationDb, profileId: string): Promise<QueueOwn> {
  return db.transaction('r', [...queueOwnTables], async () => {
    const own = [profileId, Dexie.minKey] as const;
    const ownEnd = [profileId, Dexie.maxKey] as const;
    const [reviews, drafts, declarations] = await Promise.all([
      db.reviews
        .where('[profileId+submissionId]')
        .between(own, ownEnd, true, true)
        .toArray() as Promise<unknown[]> as Promise<ReviewRow[]>,
      // Only the keys: a draft's form is not the queue's business.
      db.reviewDrafts
        .where('[profileId+assignmentId]')
        .between(own, ownEnd, true, true)
        .primaryKeys(),
      db.conflictDeclarations.where('profileId').equals(profileId).toArray(),
    ]);
    return {
      profileId,
      reviews,
      drafts: drafts.map(([, assignmentId]) => assignmentId),
      declarations,
    };
  });
}

/**
 * The queue from its two parts. An item of `prev` (the list this one follows) that reads the
 * same is reused as it is, and `prev` itself is returned when no item changed, so what follows
 * the list (the index, React) sees only what a draft or a review changed.
 */
export function combineQueue(
  base: readonly QueueBase[],
  own: QueueOwn,
  prev?: readonly QueueItem[],
): readonly QueueItem[] {
  // The parties with a conflict in force, as their keys: most lists have none, and then no
  // item builds a key at all (two strings per item at 50,000 items, on every autosave).
  const conflicts = new Set<string>();
  for (const [key, d] of declarationsInForce(own.declarations))
    if (d.decision === 'conflict') conflicts.add(key);
  const recused = (b: QueueBase) =>
    conflicts.size > 0 &&
    ((b.organizerId !== null &&
      conflicts.has(partyKey({ kind: 'organizer', id: b.organizerId }))) ||
      (b.traineeId !== null && conflicts.has(partyKey({ kind: 'trainee', id: b.traineeId }))));
  const draftFor = new Set(own.drafts);
  // Grouped once: filtering every review per assignment grew as assignments × reviews.
  const ownByAssignment = new Map<string, ReviewRow[]>();
  for (const r of own.reviews) {
    if (r.profileId !== own.profileId) continue;
    const list = ownByAssignment.get(r.assignmentId);
    if (list) list.push(r);
    else ownByAssignment.set(r.assignmentId, [r]);
  }
  const reuse = prev && prev.length === base.length ? prev : undefined;
  let changed = !reuse;
  const items = base.map((b, i): QueueItem => {
    const history = ownByAssignment.get(b.assignment.id);
    history?.sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
    const latest = history ? latestOf(history) : null;
    const hasDraft = draftFor.has(b.assignment.id);
    // A recusal outranks any state: the expert does not score what they are recused from.
    const state = recused(b) ? 'recused' : stateOf(latest, hasDraft);
    const versions = history?.length ?? 0;
    const old = reuse?.[i];
    if (
      old &&
      old.assignment === b.assignment &&
      old.submission === b.submission &&
      old.state === state &&
      old.hasDraft === hasDraft &&
      old.versions === versions &&
      old.latest?.id === latest?.id &&
      old.latest?.syncState === latest?.syncState
    )
      return old;
    changed = true;
    return { ...b, state, hasDraft, latest, versions };
  });
  return changed ? items : reuse!;
}

/** The whole queue in one transaction (the tests' and tools' way; the screen watches the parts). */
export async function loadQueue(
  db: WorkstationDb,
  profileId: string,
  expertId: string,
): Promise<readonly QueueItem[]> {
  return db.transaction('r', [...queueBaseTables, ...queueOwnTables], async () => {
    const [base, own] = await Promise.all([
      loadQueueBase(db, expertId),
      loadQueueOwn(db, profileId),
    ]);
    return combineQueue(base, own);
  });
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
  // Counted by state, then summed per filter: a pass of five filters per item is five times
  // the work at 50,000 items, after every autosave.
  const byState = new Map<QueueState, number>();
  for (const i of items) byState.set(i.state, (byState.get(i.state) ?? 0) + 1);
  for (const [state, n] of byState)
    for (const f of statusFilters) if (statusMatches(state, f)) counts[f] += n;
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
    if (old === item) return old;
    if (old.assignment.id === item.assignment.id && sameQueueItem(old, item)) return old;
    changed = true;
    return item;
  });
  return changed ? out : prev;
}
