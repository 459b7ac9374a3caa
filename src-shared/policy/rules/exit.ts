// The ten exit (清退) grounds, identical in 附件1–3 二（四）. They judge an organizer, so they
// run once per organizer. Auditors record what they observed; two grounds also have traces in
// the records (venue, cut hours) that we point out as questions.
import type { OrganizerContext } from '../context';
import type { Finding } from '../findings';
import { RULE_IDS, type RuleId } from '../ruleIds';
import type { RuleDef } from './types';

/** Ground → class rule whose failure is a trace of it. */
const TRACES: Partial<Record<number, RuleId>> = { 5: 'R-HOURS-MIN', 7: 'R-VENUE' };

function exitRule(n: number): RuleDef {
  const id = `R-EXIT-${n}` as RuleId;
  if (!RULE_IDS.includes(id)) throw new Error(`unknown exit rule ${id}`);
  return {
    id,
    group: 'exit',
    organizerCheck: (ctx: OrganizerContext): Finding[] => {
      const t = ctx.pack.rules[id]!;
      const ground = ctx.pack.exitGrounds[n - 1] ?? '';
      const make = (
        severity: Finding['severity'],
        status: Finding['status'],
        message: string,
        facts: string,
      ): Finding => ({
        ruleId: id,
        title: t.title ?? id,
        clause: t.clause,
        quote: t.quote,
        severity,
        status,
        message,
        facts,
        organizerId: ctx.organizerId,
      });
      const review = ctx.inputs.exitReviews?.get(ctx.organizerId);
      const seen = review?.filter((o) => o.ground === n) ?? [];
      if (seen.length) {
        return [
          make(
            'error',
            'fail',
            `发现清退情形 ${n}：${ground}`,
            seen
              .map((o) =>
                `${o.observedOn ?? ''}${o.classId ? ` ${o.classId}` : ''} ${o.note}`.trim(),
              )
              .join('；'),
          ),
        ];
      }
      const trace = TRACES[n];
      const traced = trace
        ? ctx.classFindings.filter(
            (f) => f.ruleId === trace && f.status === 'fail' && f.severity === 'error',
          )
        : [];
      if (traced.length) {
        return [
          make(
            'warning',
            'pending',
            `待核查：记录显示可能存在清退情形 ${n}`,
            traced.map((f) => `${f.classId}：${f.facts}`).join('；'),
          ),
        ];
      }
      if (!review) return [make('info', 'pending', `待核查：清退情形 ${n} 尚未核查`, ground)];
      return [make('info', 'pass', `未发现清退情形 ${n}`, ground)];
    },
  };
}

export const exitRules: RuleDef[] = Array.from({ length: 10 }, (_, i) => exitRule(i + 1));
