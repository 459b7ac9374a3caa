// The other experts' work for the demo chair (韩秀英 chairs 创业计划书评审组): their keys,
// enrolled in the package so the chair's workstation can verify them, and one result bundle
// per expert as it would arrive on a USB stick. The keys derive from public seeds — demo only,
// like the demo platform key. The set is built to give the chair something to decide:
//   - 朱丽萍 (exp-03) is consistently harsh, about 12 points under the others;
//   - one clear disagreement (88 against 58: verdicts differ and the spread passes 15);
//   - one verdict split close to the pass mark (63 通过 against 57 不通过);
//   - one conflict-of-interest declaration (杨振华 knows the trainee).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToBase64 } from '../../src-shared/wire/envelope';
import type { Assignment, Expert, PackageRecords, Rubric } from '../../src-shared/records/records';
import type { ResultRecord } from '../../src-shared/bundle/resultBundle';
import { buildResultBundle } from '../../src-main/services/bundles/build';
import { demoExpertKey } from '../../src-main/services/keys/demoExpertKeys';
import { signerFromKey } from '../../src-main/services/keys/signer';
import { needsCriterionComment } from '../../src-shared/review/schema';
import { makeRng } from './prng';

export const DEMO_PANEL_ID = 'panel-plan';
/** How many of the panel's submissions the other experts have already reviewed. */
const REVIEWED_SUBMISSIONS = 10;
const HARSH_EXPERT = 'exp-03';
const RECUSING_EXPERT = 'exp-02';

/** The package's experts with their (demo) enrolled keys. */
export function withDemoKeys(experts: readonly Expert[]): Expert[] {
  return experts.map((e) => {
    const k = demoExpertKey(e.id);
    return { ...e, keys: [{ keyid: k.keyid, publicKey: bytesToBase64(k.publicKeyRaw) }] };
  });
}

const COMMENTS = {
  good: '计划书结构完整，市场调研较扎实，财务测算基本合理，建议细化推广预算。',
  fair: '项目思路清楚，但竞争分析偏弱，启动资金来源需进一步说明。',
  weak: '市场分析缺少数据支撑，财务预测与经营规模不匹配，风险应对不具体。',
} as const;

/** Splits a target total over the rubric's criteria, each within its maximum, halves allowed. */
function scoresFor(rubric: Rubric, total: number): { criterionId: string; score: number }[] {
  const max = rubric.criteria.reduce((s, c) => s + c.maxScore, 0);
  const scores = rubric.criteria.map((c) => ({
    criterionId: c.id,
    score: Math.floor(((c.maxScore * total) / max) * 2) / 2,
  }));
  let rest = Math.round((total - scores.reduce((s, x) => s + x.score, 0)) * 2) / 2;
  for (const s of scores) {
    if (rest <= 0) break;
    const room = rubric.criteria.find((c) => c.id === s.criterionId)!.maxScore - s.score;
    const add = Math.min(room, rest);
    s.score += add;
    rest -= add;
  }
  return scores;
}

/** The rubric asks for a criterion's own comment below its commentBelow: the demo gives one. */
function criterionComments(
  rubric: Rubric,
  scores: readonly { criterionId: string; score: number }[],
): { criterionComments?: { criterionId: string; comment: string }[] } {
  const comments = scores.flatMap((s) => {
    const c = rubric.criteria.find((x) => x.id === s.criterionId);
    return c && needsCriterionComment(c, s.score)
      ? [{ criterionId: c.id, comment: `「${c.label}」测算依据不足，关键数字与附表不一致。` }]
      : [];
  });
  return comments.length > 0 ? { criterionComments: comments } : {};
}

export interface DemoPanelBundle {
  expertId: string;
  fileName: string;
  bytes: Uint8Array;
  records: ResultRecord[];
}

export async function buildDemoPanelBundles(records: PackageRecords): Promise<DemoPanelBundle[]> {
  const panel = records.panels.find((p) => p.id === DEMO_PANEL_ID);
  if (!panel) throw new Error(`演示数据中没有评审组 ${DEMO_PANEL_ID}`);
  const rng = makeRng(20250630);
  const rubric = records.rubrics.find((r) => r.id === 'rub-basic-plan')!;
  const byId = new Map(records.submissions.map((s) => [s.id, s]));
  const panelSubs = [
    ...new Set(
      records.assignments.filter((a) => a.panelId === panel.id).map((a) => a.submissionId),
    ),
  ]
    .filter((id) => byId.get(id)?.kind === 'business-plan')
    .sort()
    .slice(0, REVIEWED_SUBMISSIONS);
  const others = (s: string) =>
    records.assignments
      .filter((a) => a.submissionId === s && a.expertId !== panel.chairId)
      .sort((a, b) => a.expertId.localeCompare(b.expertId));
  // Pick the showcase submissions among those with at least two other experts.
  const twoOrMore = panelSubs.filter((s) => others(s).length >= 2);
  const [disagree, split, recuse] = twoOrMore;
  if (!disagree || !split || !recuse) throw new Error('演示评审组的成果不足以构造分歧示例');

  const perExpert = new Map<string, ResultRecord[]>();
  const push = (a: Assignment, r: ResultRecord) =>
    perExpert.set(a.expertId, [...(perExpert.get(a.expertId) ?? []), r]);
  let minute = 0;
  const at = () => {
    minute += 7;
    const h = 9 + Math.floor(minute / 60);
    return `2025-07-0${1 + (minute % 3)}T${String(h).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
  };

  for (const s of panelSubs) {
    const base = rng.int(66, 84);
    others(s).forEach((a, i) => {
      const createdAt = at();
      if (s === recuse && a.expertId === RECUSING_EXPERT) {
        push(a, {
          id: `cf-${a.id.slice(4)}`,
          kind: 'conflict',
          createdAt,
          payload: {
            assignmentId: a.id,
            submissionId: s,
            expertId: a.expertId,
            profileId: `demo-${a.expertId}`,
            reason: '该学员曾在本人指导的创业项目中实习，申请回避。',
          },
        });
        return;
      }
      let total = base + rng.int(-3, 3) - (a.expertId === HARSH_EXPERT ? 12 : 0);
      if (s === disagree) total = i === 0 ? 88 : 58;
      if (s === split) total = i === 0 ? 63 : 57;
      const verdict = total >= rubric.passScore ? 'pass' : 'fail';
      const scores = scoresFor(rubric, total);
      push(a, {
        id: `rv-${a.id.slice(4)}`,
        kind: 'review',
        createdAt,
        payload: {
          assignmentId: a.id,
          submissionId: s,
          expertId: a.expertId,
          profileId: `demo-${a.expertId}`,
          rubricId: rubric.id,
          scores,
          total: scores.reduce((x, y) => x + y.score, 0),
          verdict,
          ...criterionComments(rubric, scores),
          comment: total >= 75 ? COMMENTS.good : total >= 60 ? COMMENTS.fair : COMMENTS.weak,
          noConflict: true,
        },
      });
    });
  }

  const out: DemoPanelBundle[] = [];
  for (const [expertId, recs] of [...perExpert].sort(([a], [b]) => a.localeCompare(b))) {
    const built = await buildResultBundle(
      {
        bundleId: `b-demo-${expertId}-1`,
        profileId: `demo-${expertId}`,
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        now: new Date('2025-07-03T10:00:00+08:00'),
        workPackageIds: ['demo-2025-haidian-chaoyang'],
        records: recs,
      },
      [signerFromKey(demoExpertKey(expertId))],
    );
    if (!built.ok) throw new Error(built.message);
    out.push({
      expertId,
      fileName: `demo-reviews-${expertId}.qhres`,
      bytes: built.bytes,
      records: recs,
    });
  }
  return out;
}

export async function writeDemoPanelBundles(
  records: PackageRecords,
  dir: string,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const bundles = await buildDemoPanelBundles(records);
  return bundles.map((b) => {
    const p = join(dir, b.fileName);
    writeFileSync(p, b.bytes);
    return p;
  });
}
