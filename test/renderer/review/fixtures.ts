// A tiny package in IndexedDB for the review tests: one class, two trainees' submissions, two
// experts, assignments for both, and the rubric the class's program uses.
import type { Rubric } from '../../../src-shared/records/records';
import type { WorkstationDb } from '../../../src-renderer/db/db';
import type { AssignmentRow } from '../../../src-renderer/db/types';
import type { DraftData } from '../../../src-renderer/features/review/reviewStore';

export const PKG = 'pkg-test';

export const rubric: Rubric & { packageId: string } = {
  packageId: PKG,
  id: 'rub-basic-plan',
  program: 'basic',
  submissionKind: 'business-plan',
  title: '创业计划书评审标准',
  passScore: 60,
  criteria: [
    { id: 'c-idea', label: '项目创意与可行性', maxScore: 40 },
    { id: 'c-market', label: '市场分析', maxScore: 30 },
    { id: 'c-finance', label: '财务预测', maxScore: 30 },
  ],
};

export function assignment(sub: 1 | 2, expertId = 'exp-01'): AssignmentRow {
  return {
    packageId: PKG,
    id: `asg-${sub}-${expertId}`,
    submissionId: `sub-${sub}`,
    panelId: 'panel-plan',
    expertId,
  };
}

export async function seed(db: WorkstationDb): Promise<void> {
  await db.classes.add({
    packageId: PKG,
    id: 'C-1',
    organizerId: 'org-1',
    program: 'basic',
    name: '海淀区创业基础培训第1期',
    district: '海淀区',
    venue: '海淀',
    startDate: '2025-03-01',
    endDate: '2025-03-20',
    lecturerIds: [],
    traineeIds: ['T-1', 'T-2'],
    marketTraineeCount: 0,
  });
  for (const n of [1, 2] as const) {
    await db.trainees.add({
      packageId: PKG,
      id: `T-${n}`,
      name: n === 1 ? '张三' : '李四',
      gender: 'F',
      birthDate: '2000-01-01',
      idNumberMasked: '1101********0000',
      targetGroup: 'registered-unemployed',
      history: [],
      classIds: ['C-1'],
    });
    await db.submissions.add({
      packageId: PKG,
      id: `sub-${n}`,
      traineeId: `T-${n}`,
      classId: 'C-1',
      kind: 'business-plan',
      title: `计划书 ${n}`,
      fileId: `f-${n}`,
      submittedAt: '2025-03-21T10:00:00+08:00',
    });
  }
  await db.experts.bulkAdd([
    { packageId: PKG, id: 'exp-01', name: '韩秀英' },
    { packageId: PKG, id: 'exp-02', name: '杨振华' },
  ]);
  await db.assignments.bulkAdd([assignment(1), assignment(2), assignment(1, 'exp-02')]);
  await db.rubrics.add(rubric);
}

export function goodDraft(over: Partial<DraftData> = {}): DraftData {
  return {
    scores: { 'c-idea': 30, 'c-market': 20, 'c-finance': 25 },
    verdict: 'pass',
    comment: '计划完整，测算合理。',
    noConflict: true,
    ...over,
  };
}
