import { describe, expect, it } from 'vitest';
import {
  queueSorts,
  statusFilters,
  keepUnchanged,
  viewQueue,
  type QueueItem,
  type QueueState,
  type QueueView,
} from '../../../src-renderer/features/review/queue';
import {
  buildQueueIndex,
  queryQueue,
  queueIndexer,
  updateQueueIndex,
  type QueueIndex,
  type QueueResult,
} from '../../../src-renderer/features/review/queueIndex';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES: QueueState[] = ['todo', 'draft', 'pending', 'sent', 'acknowledged', 'recused'];
const NAME_CHARS = ['王', '李', '嘉', '芳', '𠮷', 'A', 'b', 'Li', ' '];
const TITLE_WORDS = ['校园', '二手书', '创业', '计划书', 'App', 'SHOP', '𠮷祥'];

function items(n: number, rnd: () => number): QueueItem[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i): QueueItem => {
    const klass = Math.floor(rnd() * 7);
    const withSubmission = rnd() > 0.05;
    const dueAt =
      rnd() > 0.1 ? `2025-07-${String(1 + Math.floor(rnd() * 5)).padStart(2, '0')}` : undefined;
    return {
      assignment: {
        packageId: 'p',
        id: `asg-${i}`,
        submissionId: `sub-${String(Math.floor(rnd() * n)).padStart(4, '0')}`,
        panelId: 'panel',
        expertId: 'exp',
        ...(dueAt ? { dueAt } : {}),
      },
      submission: withSubmission
        ? {
            packageId: 'p',
            id: `sub-${i}`,
            traineeId: `T-${i}`,
            classId: `C-${klass}`,
            kind: rnd() > 0.7 ? 'online-plan' : 'business-plan',
            title: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(TITLE_WORDS)).join(
              '',
            ),
            fileId: `f-${i}`,
            submittedAt: '2025-03-21T10:00:00+08:00',
          }
        : null,
      traineeName: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(NAME_CHARS)).join(
        '',
      ),
      className: `第${klass % 4}期`,
      program: rnd() > 0.1 ? pick(['basic', 'online'] as const) : null,
      organizerId: rnd() > 0.1 ? `org-${klass % 3}` : null,
      organizerName: '机构',
      traineeId: `T-${i}`,
      state: pick(STATES),
      hasDraft: false,
      latest: null,
      versions: 0,
    };
  });
}

const SEARCHES = [
  '',
  '王',
  ' 王 ',
  '嘉芳',
  'li',
  'LI',
  'ab',
  '𠮷',
  '\uD842',
  '计划书',
  'app',
  'shop',
  '无',
  '王嘉',
  'b li',
];

function view(rnd: () => number): QueueView {
  const maybe = <T>(xs: readonly T[]) => (rnd() < 0.6 ? null : xs[Math.floor(rnd() * xs.length)]!);
  return {
    status: statusFilters[Math.floor(rnd() * statusFilters.length)]!,
    program: maybe(['basic', 'online', 'elite-launch'] as const),
    classId: maybe(['C-0', 'C-3', 'C-6', 'C-9']),
    organizerId: maybe(['org-0', 'org-2', 'org-7']),
    kind: maybe(['business-plan', 'online-plan']),
    search: SEARCHES[Math.floor(rnd() * SEARCHES.length)]!,
    sort: queueSorts[Math.floor(rnd() * queueSorts.length)]!,
  };
}

const rows = (r: QueueResult) => Array.from({ length: r.count }, (_, i) => r.at(i)!.assignment.id);

describe('queryQueue (the indexed queue)', () => {
  it('shows exactly what viewQueue shows, in the same order, for 2,000 random views', () => {
    for (const [seed, n] of [
      [1, 0],
      [2, 1],
      [3, 31],
      [4, 32],
      [5, 33],
      [6, 200],
      [7, 1000],
    ] as const) {
      const rnd = random(seed);
      const list = items(n, rnd);
      const index = buildQueueIndex(list);
      for (let k = 0; k < 300; k++) {
        const v = view(rnd);
        const expected = viewQueue(list, v).map((i) => i.assignment.id);
        const got = queryQueue(index, v);
        expect({ seed, n, v, ids: rows(got) }).toEqual({ seed, n, v, ids: expected });
        // Every row's position is found from its assignment, and nothing else has one.
        expected.forEach((id, i) => expect(got.indexOf(id)).toBe(i));
        const outside = list.find((i) => !expected.includes(i.assignment.id));
        if (outside) expect(got.indexOf(outside.assignment.id)).toBe(-1);
        expect(got.indexOf('no-such-assignment')).toBe(-1);
        expect(got.at(-1)).toBeUndefined();
        expect(got.at(got.count)).toBeUndefined();
      }
    }
  });

  it('answers a view with a value no item has with nothing', () => {
    const index = buildQueueIndex(items(50, random(9)));
    const none = queryQueue(index, { ...view(random(1)), status: 'all', classId: 'C-404' });
    expect(none.count).toBe(0);
    expect(queryQueue(index, { ...view(random(1)), status: 'all', search: '龘' }).count).toBe(0);
  });
});

/** A few items changed the way saving does: state, draft flag, versions; or name and facets. */
function changeSome(list: readonly QueueItem[], rnd: () => number, k: number): QueueItem[] {
  const next = [...list];
  for (let j = 0; j < k && list.length > 0; j++) {
    const i = Math.floor(rnd() * list.length);
    const old = next[i]!;
    const donor = list[Math.floor(rnd() * list.length)]!;
    next[i] =
      rnd() < 0.6
        ? { ...old, state: STATES[Math.floor(rnd() * STATES.length)]!, hasDraft: rnd() < 0.5 }
        : {
            ...old,
            traineeName: donor.traineeName,
            program: donor.program,
            organizerId: donor.organizerId,
            state: donor.state,
            submission:
              old.submission && donor.submission
                ? { ...old.submission, title: donor.submission.title, kind: donor.submission.kind }
                : old.submission,
          };
  }
  return next;
}

const answers = (index: QueueIndex, views: QueueView[]) =>
  views.map((v) => {
    const r = queryQueue(index, v);
    return { v, ids: rows(r), first: r.count > 0 ? r.indexOf(r.at(0)!.assignment.id) : -1 };
  });

describe('updateQueueIndex (a live list after a save)', () => {
  it('answers like a fresh build after random changes, and leaves the old index as it was', () => {
    for (const [seed, n] of [
      [11, 1],
      [12, 33],
      [13, 300],
      [14, 1000],
    ] as const) {
      const rnd = random(seed);
      const views = Array.from({ length: 60 }, () => view(rnd));
      let list = items(n, rnd);
      let index = buildQueueIndex(list, 'deadline', 'class');
      for (let round = 0; round < 8; round++) {
        const before = answers(index, views);
        const next = changeSome(list, rnd, 1 + Math.floor(rnd() * 4));
        const updated = updateQueueIndex(index, next);
        expect(answers(updated, views)).toEqual(answers(buildQueueIndex(next), views));
        for (const v of views.slice(0, 10))
          expect(rows(queryQueue(updated, v))).toEqual(
            viewQueue(next, v).map((i) => i.assignment.id),
          );
        expect(answers(index, views)).toEqual(before);
        list = next;
        index = updated;
      }
    }
  });

  it('keeps the bitsets of orders no change touched and rebuilds when places change', () => {
    const list = items(200, random(21));
    const index = buildQueueIndex(list, 'deadline');
    const one = [...list];
    one[5] = { ...list[5]!, state: list[5]!.state === 'todo' ? 'draft' : 'todo' };
    const updated = updateQueueIndex(index, one);
    // Same positions: the order arrays are shared, not re-sorted.
    expect(updated.sorts.deadline!.order).toBe(index.sorts.deadline!.order);
    expect(updated.sorts.deadline!.chars).not.toBe(index.sorts.deadline!.chars);
    // A new due date moves the item: built again (new order), still the right answers.
    const moved = [...list];
    moved[5] = { ...list[5]!, assignment: { ...list[5]!.assignment, dueAt: '2030-01-01' } };
    const rebuilt = updateQueueIndex(index, moved);
    expect(rebuilt.sorts.deadline!.order).not.toBe(index.sorts.deadline!.order);
    const all = {
      ...view(random(1)),
      status: 'all' as const,
      search: '',
      sort: 'deadline' as const,
    };
    const plain = { ...all, program: null, classId: null, organizerId: null, kind: null };
    expect(rows(queryQueue(rebuilt, plain))).toEqual(
      viewQueue(moved, plain).map((i) => i.assignment.id),
    );
  });
});

describe('keepUnchanged and queueIndexer', () => {
  it('keeps the identity of items that read the same, and the list when nothing changed', () => {
    const list = items(50, random(31));
    const copy = list.map((i) => ({
      ...i,
      assignment: { ...i.assignment },
      submission: i.submission ? { ...i.submission } : null,
    }));
    expect(keepUnchanged(list, copy)).toBe(list);
    copy[7] = { ...copy[7]!, hasDraft: !copy[7]!.hasDraft };
    const kept = keepUnchanged(list, copy);
    expect(kept[7]).toBe(copy[7]);
    expect(kept.filter((i, k) => i === list[k]).length).toBe(49);
    expect(keepUnchanged(list.slice(1), copy)).toBe(copy);
  });

  it('follows a live list: re-reads of the same data change nothing', () => {
    const index = queueIndexer();
    const list = items(100, random(41));
    const first = index(list, 'status');
    const again = index(
      list.map((i) => ({ ...i })),
      'status',
    );
    expect(again).toBe(first);
    const next = changeSome(list, random(42), 3);
    const updated = index(next, 'status');
    const v = { ...view(random(43)), sort: 'status' as const };
    expect(rows(queryQueue(updated, v))).toEqual(viewQueue(next, v).map((i) => i.assignment.id));
  });
});
