import { describe, expect, it } from 'vitest';
import {
  queueSorts,
  statusFilters,
  viewQueue,
  type QueueItem,
  type QueueState,
  type QueueView,
} from '../../../src-renderer/features/review/queue';
import {
  buildQueueIndex,
  queryQueue,
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
