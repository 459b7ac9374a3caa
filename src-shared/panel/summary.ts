// Everything the chair's screen, the meeting record and the results sheet show about one
// panel, computed once from plain records: per submission each expert's review (or recusal),
// the statistics and the flag, the decision in force; per panel the experts' leniency and
// Krippendorff's alpha overall and per rubric.
import type { Assignment, Expert, Panel, Rubric, Submission } from '../records/records';
import { krippendorffAlpha } from '../review/agreement';
import {
  DEFAULT_DISAGREEMENT_THRESHOLD,
  submissionStats,
  type SubmissionStats,
} from '../review/aggregate';
import { recusalsInForce, type ConflictDeclaration } from '../review/conflict';
import { expertLeniency, type Leniency } from '../review/leniency';
import { effectiveVerdict, type Review } from '../review/schema';
import { byCode, decisionsInForce, type PanelDecision } from './decision';

export interface PanelInput {
  panel: Panel;
  experts: readonly Expert[];
  /** All assignments of the package; only the panel's are used. */
  assignments: readonly Assignment[];
  submissions: readonly Submission[];
  traineeName: (traineeId: string) => string;
  className: (classId: string) => string;
  rubricFor: (submissionId: string) => Rubric | undefined;
  reviews: readonly Review[];
  recusals: readonly ConflictDeclaration[];
  decisions: readonly PanelDecision[];
}

export type ExpertEntry =
  | { expertId: string; name: string; status: 'reviewed'; review: Review }
  | { expertId: string; name: string; status: 'recused'; recusal: ConflictDeclaration }
  | { expertId: string; name: string; status: 'missing' };

export interface SubmissionSummary {
  submission: Submission;
  traineeName: string;
  className: string;
  rubric: Rubric | null;
  entries: ExpertEntry[];
  stats: SubmissionStats;
  decision: PanelDecision | null;
}

export interface AlphaPair {
  interval: number | null;
  nominal: number | null;
}

export interface PanelSummary {
  panel: Panel;
  threshold: number;
  members: { expertId: string; name: string; chair: boolean }[];
  submissions: SubmissionSummary[];
  leniency: (Leniency & { name: string })[];
  alpha: AlphaPair;
  alphaByRubric: ({ rubricId: string; title: string; units: number } & AlphaPair)[];
}

/** The version of each assignment's review in force: the latest that nothing supersedes. */
export function reviewsInForce(reviews: readonly Review[]): Map<string, Review> {
  const superseded = new Set(reviews.map((r) => r.supersedes).filter(Boolean));
  const out = new Map<string, Review>();
  const sorted = [...reviews].sort(
    (a, b) => byCode(a.createdAt, b.createdAt) || byCode(a.id, b.id),
  );
  for (const r of sorted) if (!superseded.has(r.id)) out.set(r.assignmentId, r);
  return out;
}

function alphaOf(subs: readonly SubmissionSummary[], expertIds: readonly string[]): AlphaPair {
  const reviewOf = (s: SubmissionSummary, e: string) => {
    const entry = s.entries.find((x) => x.expertId === e);
    return entry?.status === 'reviewed' ? entry.review : null;
  };
  const totals = expertIds.map((e) => subs.map((s) => reviewOf(s, e)?.total ?? null));
  const verdicts = expertIds.map((e) =>
    subs.map((s) => {
      const r = reviewOf(s, e);
      return r ? (effectiveVerdict(r) === 'pass' ? 1 : 0) : null;
    }),
  );
  return {
    interval: krippendorffAlpha(totals, 'interval'),
    nominal: krippendorffAlpha(verdicts, 'nominal'),
  };
}

export function summarizePanel(input: PanelInput): PanelSummary {
  const { panel } = input;
  const threshold = panel.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD;
  const nameOf = new Map(input.experts.map((e) => [e.id, e.name]));
  const memberIds = [...new Set([panel.chairId, ...panel.expertIds])];
  const assignments = input.assignments.filter((a) => a.panelId === panel.id);
  const bySubmission = new Map<string, Assignment[]>();
  for (const a of assignments) {
    bySubmission.set(a.submissionId, [...(bySubmission.get(a.submissionId) ?? []), a]);
  }
  const reviews = reviewsInForce(input.reviews);
  // A withdrawn recusal no longer stands: the expert is expected to score again.
  const recusals = recusalsInForce(input.recusals);
  const decisions = decisionsInForce(input.decisions.filter((d) => d.panelId === panel.id));

  const submissions: SubmissionSummary[] = input.submissions
    .filter((s) => bySubmission.has(s.id))
    .sort((a, b) => byCode(a.id, b.id))
    .map((submission) => {
      const entries = (bySubmission.get(submission.id) ?? [])
        .sort((a, b) => byCode(a.expertId, b.expertId))
        .map((a): ExpertEntry => {
          const name = nameOf.get(a.expertId) ?? a.expertId;
          const review = reviews.get(a.id);
          if (review) return { expertId: a.expertId, name, status: 'reviewed', review };
          const recusal = recusals.get(a.id);
          if (recusal) return { expertId: a.expertId, name, status: 'recused', recusal };
          return { expertId: a.expertId, name, status: 'missing' };
        });
      const reviewed = entries.flatMap((e) => (e.status === 'reviewed' ? [e.review] : []));
      return {
        submission,
        traineeName: input.traineeName(submission.traineeId),
        className: input.className(submission.classId),
        rubric: input.rubricFor(submission.id) ?? null,
        entries,
        stats: submissionStats(reviewed, threshold),
        decision: decisions.get(submission.id) ?? null,
      };
    });

  const leniency = expertLeniency(
    submissions.flatMap((s) =>
      s.entries.flatMap((e) =>
        e.status === 'reviewed'
          ? [{ expertId: e.expertId, submissionId: s.submission.id, total: e.review.total }]
          : [],
      ),
    ),
  ).map((l) => ({ ...l, name: nameOf.get(l.expertId) ?? l.expertId }));

  const raters = [...new Set(assignments.map((a) => a.expertId))].sort();
  const rubricIds = [
    ...new Set(submissions.flatMap((s) => (s.rubric ? [s.rubric.id] : []))),
  ].sort();
  return {
    panel,
    threshold,
    members: memberIds.map((id) => ({
      expertId: id,
      name: nameOf.get(id) ?? id,
      chair: id === panel.chairId,
    })),
    submissions,
    leniency,
    alpha: alphaOf(submissions, raters),
    alphaByRubric: rubricIds.map((rubricId) => {
      const subs = submissions.filter((s) => s.rubric?.id === rubricId);
      return {
        rubricId,
        title: subs[0]?.rubric?.title ?? rubricId,
        units: subs.length,
        ...alphaOf(subs, raters),
      };
    }),
  };
}
