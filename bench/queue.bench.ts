// 评审任务's list at panel scale: sorting and filtering 50,000 assignments (an expert's whole
// season across packages) against the same at 1,000, in one process. What is timed is what a
// change of order plus a keystroke in the search box costs the renderer: sortQueue then
// filterQueue (src-renderer/features/review/queue.ts). Drawing is not timed: the list is
// virtualised, so the page holds the same ~20 rows at either size.
import {
  defaultView,
  filterQueue,
  sortQueue,
  type QueueItem,
  type QueueState,
  type QueueView,
} from '../src-renderer/features/review/queue';
import { compare, ms, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const LARGE = Number(process.env.QUEUE_BENCH_LARGE ?? 50_000);
const SMALL = 1_000;
const RUNS = Number(process.env.QUEUE_BENCH_RUNS ?? 15);
const STATES: QueueState[] = ['todo', 'todo', 'todo', 'draft', 'pending', 'sent', 'recused'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '嘉芳一瑶翼辉春晓帅勇振明涛丽萍秀英华';

/** A deterministic list of n items spread over classes, organizers, states and due dates. */
export function syntheticQueue(n: number): QueueItem[] {
  return Array.from({ length: n }, (_, i): QueueItem => {
    const klass = i % 97;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    return {
      assignment: {
        packageId: 'bench',
        id: `asg-${i}`,
        submissionId: `sub-${String(i).padStart(6, '0')}`,
        panelId: `panel-${klass % 9}`,
        expertId: 'exp',
        dueAt: `2025-07-${String(1 + (i % 28)).padStart(2, '0')}`,
      },
      submission: {
        packageId: 'bench',
        id: `sub-${i}`,
        traineeId: `T-${i}`,
        classId: `C-${klass}`,
        kind: i % 5 === 0 ? 'online-plan' : 'business-plan',
        title: `第${i}号创业计划书`,
        fileId: `f-${i}`,
        submittedAt: '2025-03-21T10:00:00+08:00',
      },
      traineeName: name,
      className: `2025年创业基础培训第${klass}期`,
      program: i % 5 === 0 ? 'online' : 'basic',
      organizerId: `org-${klass % 13}`,
      organizerName: `培训机构${klass % 13}`,
      traineeId: `T-${i}`,
      state: STATES[i % STATES.length]!,
      hasDraft: false,
      latest: null,
      versions: 0,
    };
  });
}

const VIEW: QueueView = { ...defaultView(), status: 'todo', organizerId: 'org-3', search: '王' };

const bench: Benchmark = {
  name: `queue filter + sort: ${LARGE.toLocaleString('en')} assignments vs ${SMALL.toLocaleString('en')}`,
  goal: 3,
  async run() {
    const large = syntheticQueue(LARGE);
    const small = syntheticQueue(SMALL);
    const shown = { large: 0, small: 0 };
    const r = await compare(
      () => {
        shown.large = filterQueue(sortQueue(large, 'class'), VIEW).length;
      },
      () => {
        shown.small = filterQueue(sortQueue(small, 'class'), VIEW).length;
      },
      { runs: RUNS, warmup: 2 },
    );
    // The keystroke alone (the list already in order), as the screen does it.
    const sortedLarge = sortQueue(large, 'class');
    const sortedSmall = sortQueue(small, 'class');
    const keystroke = await compare(
      () => filterQueue(sortedLarge, VIEW),
      () => filterQueue(sortedSmall, VIEW),
      { runs: RUNS, warmup: 2 },
    );
    return {
      ...resultOf(r),
      details: {
        'shown (large / small)': `${shown.large} / ${shown.small}`,
        'filter only, large (ms)': ms(keystroke.ours.median),
        'filter only, small (ms)': ms(keystroke.baseline.median),
        'filter only ratio': Number((keystroke.ours.median / keystroke.baseline.median).toFixed(1)),
      },
    };
  },
};

export default bench;
