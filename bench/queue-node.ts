// The queue benchmark's Node sub-figure (bench/queue.bench.ts measures the goal figure in the
// harness): a filter change at 50,000 assignments against the same at 1,000, in one process,
// without the page. What is timed is the
// path the screen runs when the expert types in the search box, picks a filter or changes
// the order, up to the rows the list draws: queryQueue over the queue's index (src-renderer/
// features/review/queueIndex.ts), then reading the first VISIBLE rows the virtualised list
// puts in the page. Each call is the next of four such changes (search, status, organizer,
// order), so no call repeats its predecessor. The index itself is built once when the
// assignments load (like the sort it replaced, which ran per order change); its cost at
// 50,000 is printed beside the ratio, and so is the plain viewQueue path for comparison.
// It isolates the part that grows with the list, which the page's figure mixes with React
// drawing the same ~20 rows at either size.
import {
  defaultView,
  viewQueue,
  type QueueItem,
  type QueueState,
  type QueueView,
} from '../src-renderer/features/review/queue';
import {
  buildQueueIndex,
  queryQueue,
  type QueueIndex,
} from '../src-renderer/features/review/queueIndex';
import { compare, measure, ms, resultOf } from './lib/measure';
import type { BenchResult } from './lib/types';

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
/** One expert's session: type a name, narrow the status, switch organizer, change the order. */
const CHANGES: QueueView[] = [
  VIEW,
  { ...VIEW, status: 'all' },
  { ...VIEW, status: 'all', organizerId: 'org-5', search: '王芳' },
  { ...VIEW, status: 'all', organizerId: 'org-5', search: '', sort: 'class' },
];
/** Rows the list draws at 1366×768: the pane's ~10 plus the virtualiser's overscan. */
const VISIBLE = 30;

/** One filter change: the view's rows counted, and the visible ones read. */
function change(index: QueueIndex, step: number): number {
  const result = queryQueue(index, CHANGES[step % CHANGES.length]!);
  let drawn = 0;
  for (let i = 0; i < VISIBLE && i < result.count; i++) if (result.at(i)) drawn++;
  return result.count + drawn;
}

/** The index path alone at LARGE vs SMALL items, timed like a benchmark. */
export const queueNodeFigure = {
  label: `index only in Node, ${LARGE.toLocaleString('en')} vs ${SMALL.toLocaleString('en')}`,
  async run(): Promise<BenchResult> {
    const large = syntheticQueue(LARGE);
    const small = syntheticQueue(SMALL);
    const build = await measure(() => buildQueueIndex(large, VIEW.sort), { runs: 3, warmup: 1 });
    const index = { large: buildQueueIndex(large), small: buildQueueIndex(small) };
    const step = { large: 0, small: 0 };
    const r = await compare(
      () => void change(index.large, step.large++),
      () => void change(index.small, step.small++),
      // Warm-up passes every change once, so each order's index exists before timing.
      { runs: RUNS, warmup: CHANGES.length },
    );
    const plain = await measure(() => viewQueue(large, VIEW), { runs: 5, warmup: 1 });
    return {
      ...resultOf(r),
      details: {
        'shown for the first change (large / small)': `${queryQueue(index.large, VIEW).count} / ${queryQueue(index.small, VIEW).count}`,
        'index build at load for one order, large (ms, median of 3)': ms(build.median),
        'plain viewQueue (sort + filter), large (ms)': ms(plain.median),
      },
    };
  },
};
