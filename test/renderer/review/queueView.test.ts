import { describe, expect, it } from 'vitest';
import {
  defaultView,
  statusCounts,
  viewQueue,
  type QueueItem,
  type QueueState,
} from '../../../src-renderer/features/review/queue';

function item(
  n: number,
  over: {
    state?: QueueState;
    dueAt?: string;
    className?: string;
    organizerId?: string;
    trainee?: string;
    title?: string;
    kind?: 'business-plan' | 'online-plan';
    program?: 'basic' | 'online';
  } = {},
): QueueItem {
  const classId = over.className === '乙班' ? 'C-2' : 'C-1';
  return {
    assignment: {
      packageId: 'p',
      id: `asg-${n}`,
      submissionId: `sub-${String(n).padStart(3, '0')}`,
      panelId: 'panel',
      expertId: 'exp',
      ...(over.dueAt ? { dueAt: over.dueAt } : {}),
    },
    submission: {
      packageId: 'p',
      id: `sub-${n}`,
      traineeId: `T-${n}`,
      classId,
      kind: over.kind ?? 'business-plan',
      title: over.title ?? `计划书 ${n}`,
      fileId: `f-${n}`,
      submittedAt: '2025-03-21T10:00:00+08:00',
    },
    traineeName: over.trainee ?? `学员${n}`,
    className: over.className ?? '甲班',
    program: over.program ?? 'basic',
    organizerId: over.organizerId ?? 'org-1',
    organizerName: '机构',
    traineeId: `T-${n}`,
    state: over.state ?? 'todo',
    hasDraft: over.state === 'draft',
    latest: null,
    versions: 0,
  };
}

const items = [
  item(1, { dueAt: '2025-07-15', className: '乙班', state: 'pending', trainee: '王嘉芳' }),
  item(2, { dueAt: '2025-07-10', state: 'draft', title: '校园二手书交易创业计划书' }),
  item(3, { state: 'recused', organizerId: 'org-2' }),
  item(4, { dueAt: '2025-07-10', kind: 'online-plan', program: 'online', organizerId: 'org-2' }),
  item(5, { dueAt: '2025-07-20', state: 'acknowledged' }),
];
const ids = (xs: QueueItem[]) => xs.map((x) => x.assignment.id);

describe('the queue view', () => {
  it('shows everything but recused items by default, by deadline (none last)', () => {
    expect(ids(viewQueue(items, defaultView()))).toEqual(['asg-2', 'asg-4', 'asg-1', 'asg-5']);
  });

  it('filters by status: 待评审, 草稿, 已提交 (any sync state), 已回避', () => {
    const by = (status: ReturnType<typeof defaultView>['status']) =>
      ids(viewQueue(items, { ...defaultView(), status }));
    expect(by('todo')).toEqual(['asg-4']);
    expect(by('draft')).toEqual(['asg-2']);
    expect(by('submitted')).toEqual(['asg-1', 'asg-5']);
    expect(by('recused')).toEqual(['asg-3']);
    expect(statusCounts(items)).toEqual({ all: 4, todo: 1, draft: 1, submitted: 2, recused: 1 });
  });

  it('filters by program, class, organizer and kind', () => {
    const v = defaultView();
    expect(ids(viewQueue(items, { ...v, program: 'online' }))).toEqual(['asg-4']);
    expect(ids(viewQueue(items, { ...v, classId: 'C-2' }))).toEqual(['asg-1']);
    expect(ids(viewQueue(items, { ...v, organizerId: 'org-2' }))).toEqual(['asg-4']);
    expect(ids(viewQueue(items, { ...v, kind: 'online-plan' }))).toEqual(['asg-4']);
  });

  it('searches the trainee name or the title', () => {
    const v = defaultView();
    expect(ids(viewQueue(items, { ...v, search: '嘉芳' }))).toEqual(['asg-1']);
    expect(ids(viewQueue(items, { ...v, search: ' 二手书 ' }))).toEqual(['asg-2']);
    expect(ids(viewQueue(items, { ...v, search: '不存在' }))).toEqual([]);
  });

  it('sorts by class, then deadline; by status, drafts first', () => {
    const v = defaultView();
    expect(ids(viewQueue(items, { ...v, sort: 'class' }))).toEqual([
      'asg-1',
      'asg-2',
      'asg-4',
      'asg-5',
    ]);
    expect(ids(viewQueue(items, { ...v, sort: 'status' }))).toEqual([
      'asg-2',
      'asg-4',
      'asg-1',
      'asg-5',
    ]);
  });
});
