// The panel summary as the documents' input (src-shared/panel/recordData.ts).
import type { PanelRecordData } from '../../../src-shared/panel/recordData';
import type { PanelSummary } from '../../../src-shared/panel/summary';
import { formatDateTime } from '../../../src-shared/time';
import { t } from '../../app/strings';

export function panelDocInput(
  summary: PanelSummary,
  meta: { chairName: string; place: string; date: string; organizations?: Map<string, string> },
): PanelRecordData {
  const f = t.panel.flag;
  return {
    panelId: summary.panel.id,
    panelName: summary.panel.name,
    chairName: meta.chairName,
    date: meta.date,
    place: meta.place,
    threshold: summary.threshold,
    members: summary.members.map((m) => ({
      name: m.name,
      organization: meta.organizations?.get(m.expertId) ?? '',
      chair: m.chair,
    })),
    submissions: summary.submissions.map((s) => {
      const criteria = s.rubric?.criteria ?? [];
      return {
        id: s.submission.id,
        title: s.submission.title,
        traineeName: s.traineeName,
        className: s.className,
        rubricTitle: s.rubric?.title ?? '',
        passScore: s.rubric?.passScore ?? null,
        criteria: criteria.map((c) => ({ label: c.label, maxScore: c.maxScore })),
        experts: s.entries.map((e) => ({
          name: e.name,
          status: e.status,
          scores:
            e.status === 'reviewed'
              ? criteria.map(
                  (c) => e.review.scores.find((x) => x.criterionId === c.id)?.score ?? null,
                )
              : [],
          total: e.status === 'reviewed' ? e.review.total : null,
          verdict: e.status === 'reviewed' ? e.review.verdict : null,
          comment:
            e.status === 'reviewed'
              ? e.review.comment
              : e.status === 'recused'
                ? `回避：${e.recusal.reason}`
                : '',
        })),
        stats: {
          mean: s.stats.mean,
          trimmedMean: s.stats.trimmedMean,
          standardDeviation: s.stats.standardDeviation,
          spread: s.stats.spread,
          passCount: s.stats.passCount,
          failCount: s.stats.failCount,
          flags: s.stats.disagreement.map((d) =>
            d === 'spread' ? f.spread(summary.threshold) : f['verdicts-differ'],
          ),
        },
        decision: s.decision
          ? {
              action: s.decision.action,
              verdict: s.decision.verdict ?? null,
              reason: s.decision.reason,
              at: formatDateTime(s.decision.createdAt),
              againstMajority:
                s.decision.action === 'decide' &&
                s.decision.basis.majority !== null &&
                s.decision.verdict !== s.decision.basis.majority,
            }
          : null,
      };
    }),
    leniency: summary.leniency.map((l) => ({
      name: l.name,
      compared: l.compared,
      meanDeviation: l.meanDeviation,
      zScore: l.zScore,
    })),
    alpha: summary.alpha,
    alphaByRubric: summary.alphaByRubric.map((a) => ({
      title: a.title,
      units: a.units,
      interval: a.interval,
      nominal: a.nominal,
    })),
  };
}
