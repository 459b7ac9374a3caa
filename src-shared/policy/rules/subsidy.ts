// Subsidy amounts (通知 三（一）（二）). These run last and read the trainee's verdict: any error
// (the trainee's own or the class's) withholds the money; anything 待核查 keeps it pending.
import { addMonths, quarterDeadline } from '../dates';
import {
  memoSlot,
  type ClassContext,
  type MemoSlot,
  type TraineeState,
  type TraineeVerdict,
} from '../context';
import { fmtHours, type Finding } from '../findings';
import type { RuleId } from '../ruleIds';
import { salesAverage } from '../salesAverage';
import type { RuleDef } from './types';

function withAmount(f: Finding, amountYuan: number): Finding {
  f.amountYuan = amountYuan;
  return f;
}

function ruleIds(fs: readonly Finding[]): string {
  if (fs.length === 1) return fs[0]!.ruleId;
  return [...new Set(fs.map((f) => f.ruleId))].join('、');
}

/** The rules a sentence names, by their titles from the pack (ids stay in the finding's data). */
function ruleTitles(fs: readonly Finding[]): string {
  return [...new Set(fs.map((f) => f.title))].join('、');
}

/**
 * What a subsidy finding rests on: the amount and the sentence that justifies it. One object
 * per class and basis (memoised), so the object itself is a cache key.
 */
interface Price {
  yuan: number;
  basis: string;
}

/** The three ways a trainee's verdict reads, cached per rule. */
interface VerdictSlots {
  /** By the blocking rules' ids. */
  blocked: MemoSlot<TraineeVerdict, undefined, Finding>;
  /** By price, then by the pending rules' ids. */
  pending: MemoSlot<undefined, undefined, Map<string, Finding>>;
  /** By price. */
  claimable: MemoSlot<Price, undefined, Finding>;
}

function verdictSlots(id: RuleId): VerdictSlots {
  return {
    blocked: memoSlot(id, (ctx, v: TraineeVerdict) =>
      withAmount(
        ctx.finding(id, 'info', 'fail', '不予补贴', `未满足：${ruleTitles(v.blocking)}`),
        0,
      ),
    ),
    pending: memoSlot(id, () => new Map<string, Finding>()),
    claimable: memoSlot(id, (ctx, p: Price) =>
      withAmount(ctx.pass(id, `可申领 ${p.yuan} 元`, p.basis), p.yuan),
    ),
  };
}

function verdictFinding(
  ctx: ClassContext,
  id: RuleId,
  slots: VerdictSlots,
  v: TraineeVerdict,
  price: Price,
): Finding {
  if (v.blocking.length) return ctx.memo(slots.blocked, ruleIds(v.blocking), v, undefined);
  if (v.pending.length) {
    const byIds = ctx.memo(slots.pending, price, undefined, undefined);
    const ids = ruleIds(v.pending);
    let f = byIds.get(ids);
    if (!f) {
      f = withAmount(
        ctx.pending(
          id,
          `${price.yuan} 元待确认`,
          `待核查：${ruleTitles(v.pending)}；${price.basis}`,
        ),
        price.yuan,
      );
      byIds.set(ids, f);
    }
    return f;
  }
  return ctx.memo(slots.claimable, price, price, undefined);
}

function flat(id: RuleId, program: 'basic' | 'online'): RuleDef {
  const slots = verdictSlots(id);
  const price = memoSlot(id, (ctx): Price => {
    const yuan = ctx.params.subsidyYuan ?? 0;
    return { yuan, basis: `${ctx.params.name} ${yuan} 元/人次，完成培训并取得证书` };
  });
  return {
    id,
    group: 'subsidy',
    subsidy: true,
    traineeCheck: (ctx, t, v) => {
      if (ctx.program !== program) return null;
      return verdictFinding(ctx, id, slots, v, ctx.once(price));
    },
  };
}

export const subsidyBasic = flat('R-SUBSIDY-BASIC', 'basic');
export const subsidyOnline = flat('R-SUBSIDY-ONLINE', 'online');

const eliteSlots = verdictSlots('R-SUBSIDY-ELITE');

const eliteTable = memoSlot('R-SUBSIDY-ELITE', (ctx) =>
  (ctx.params.subsidyTiers ?? []).map((x) => `${x.minHours}课时→${x.yuan}元`).join('，'),
);

type Tier = { minHours: number; yuan: number };

/**
 * By the trainee's outcome (passed, failed, not yet): within a class the credited hours depend
 * only on it, so the tier and its sentence do too.
 */
const elitePrice = memoSlot('R-SUBSIDY-ELITE', (ctx, minutes: number, tier: Tier): Price => ({
  yuan: tier.yuan,
  basis: `${fmtHours(minutes, ctx.pack.minutesPerHour)} 课时达到 ${tier.minHours} 课时档（${ctx.once(eliteTable)}）`,
}));

export const subsidyElite: RuleDef = {
  id: 'R-SUBSIDY-ELITE',
  group: 'subsidy',
  subsidy: true,
  traineeCheck: (ctx, t, v) => {
    if (ctx.program !== 'elite-launch' && ctx.program !== 'elite-practice') return null;
    const tiers = ctx.params.subsidyTiers ?? [];
    // Pending trainees are priced as if the outcome passes, so the figure shown is the ceiling.
    const minutes =
      t.outcome === undefined
        ? t.creditedMinutes + ctx.params.outcomeHours * ctx.pack.minutesPerHour
        : t.creditedMinutes;
    let tier: Tier | undefined;
    for (const x of tiers) if (minutes >= x.minHours * ctx.pack.minutesPerHour) tier = x;
    if (!tier) {
      const f = ctx.finding(
        'R-SUBSIDY-ELITE',
        'info',
        'fail',
        '课时未达最低档，不予补贴',
        `${fmtHours(minutes, ctx.pack.minutesPerHour)} 课时 < ${tiers[0]?.minHours ?? 0} 课时（${ctx.once(eliteTable)}）`,
        t.id,
      );
      return Object.assign(f, { amountYuan: 0 });
    }
    const outcome = t.outcome === undefined ? 0 : t.outcome ? 1 : 2;
    const price = ctx.memo(elitePrice, outcome, minutes, tier);
    return verdictFinding(ctx, 'R-SUBSIDY-ELITE', eliteSlots, v, price);
  },
};

export const subsidyPractice: RuleDef = {
  id: 'R-SUBSIDY-PRACTICE',
  group: 'subsidy',
  subsidy: true,
  traineeCheck: (ctx, t, v) => {
    const pr = t.trainee?.practice;
    if (!ctx.params.practiceFollows || !pr) return null;
    const rules = ctx.pack.practice;
    const yuan = rules.yuan;
    const parts: string[] = [];
    let qualifiesOn: string | undefined;
    if (pr.licenceIssuedAt) {
      const on = addMonths(pr.licenceIssuedAt, rules.licenceMonths);
      parts.push(`营业执照 ${pr.licenceIssuedAt} 取得，满 ${rules.licenceMonths} 个月为 ${on}`);
      qualifiesOn = on;
    }
    let salesShort = false;
    if (pr.shopOpenedAt) {
      const on = addMonths(pr.shopOpenedAt, rules.shopMonths);
      const sales = salesAverage(pr.monthlySales, rules);
      const { enoughData, meetsMinimum: avgOk } = sales;
      parts.push(
        `网店 ${pr.shopOpenedAt} 开办，满 ${rules.shopMonths} 个月为 ${on}；${sales.months} 个月月均销售 ${(sales.totalFen / Math.max(1, sales.months) / 100).toFixed(2)} 元 ${avgOk ? '≥' : enoughData ? '<' : '（数据不足）'} ${rules.minAverageMonthlySalesYuan} 元`,
      );
      if (avgOk && (!qualifiesOn || on < qualifiesOn)) qualifiesOn = on;
      salesShort = !enoughData && !pr.licenceIssuedAt;
    }
    const facts = parts.join('；') || '无营业执照或网店记录';
    const f = practiceFinding(ctx, t, v, facts, qualifiesOn, salesShort);
    f.amountYuan = f.status === 'pass' || f.status === 'pending' ? yuan : 0;
    if (qualifiesOn) f.qualifiesOn = qualifiesOn;
    return f;
  },
};

function practiceFinding(
  ctx: ClassContext,
  t: TraineeState,
  v: TraineeVerdict,
  facts: string,
  qualifiesOn: string | undefined,
  salesShort: boolean,
): Finding {
  const rules = ctx.pack.practice;
  const yuan = rules.yuan;
  const pr = t.trainee!.practice!;
  const training = v.blocking.length ? 'fail' : v.pending.length ? 'pending' : 'pass';
  if (training === 'fail')
    return ctx.finding(
      'R-SUBSIDY-PRACTICE',
      'info',
      'fail',
      '培训未完成或不予补贴，不能申领创业实践指导补贴',
      facts,
      t.id,
    );
  if (salesShort)
    return ctx.pending('R-SUBSIDY-PRACTICE', `销售数据不足 ${rules.shopMonths} 个月`, facts, t.id);
  if (!qualifiesOn)
    return ctx.finding('R-SUBSIDY-PRACTICE', 'info', 'fail', '未达到成功创业条件', facts, t.id);
  if (qualifiesOn > ctx.asOf)
    return ctx.finding(
      'R-SUBSIDY-PRACTICE',
      'info',
      'fail',
      `尚未满 ${rules.licenceMonths} 个月，${qualifiesOn} 起可申领`,
      `${facts}；评估日 ${ctx.asOf}`,
      t.id,
    );
  if (pr.evidenceFileIds.length === 0)
    return ctx.pending('R-SUBSIDY-PRACTICE', '须提交营业执照或销售交易数据证明材料', facts, t.id);
  if (training === 'pending')
    return ctx.pending('R-SUBSIDY-PRACTICE', '培训补贴尚待核查', facts, t.id);
  const early =
    pr.licenceIssuedAt &&
    pr.licenceIssuedAt < ctx.cls.startDate &&
    (!pr.shopOpenedAt || pr.shopOpenedAt < ctx.cls.startDate);
  if (early)
    return ctx.finding(
      'R-SUBSIDY-PRACTICE',
      'warning',
      'pass',
      `可申领 ${yuan} 元，但创业早于开班，须核实为培训后指导创业`,
      `${facts}；开班 ${ctx.cls.startDate}`,
      t.id,
    );
  return ctx.pass(
    'R-SUBSIDY-PRACTICE',
    `可申领创业实践指导补贴 ${yuan} 元`,
    `${facts}；评估日 ${ctx.asOf}`,
    t.id,
  );
}

export const fundDeadline: RuleDef = {
  id: 'R-FUND-DEADLINE',
  group: 'fund',
  quarterCheck: ({ pack, quarter, requestDate }) => {
    const deadline = quarterDeadline(quarter, pack.fund.deadlineDayOfQuarterLastMonth);
    const t = pack.rules['R-FUND-DEADLINE']!;
    const base = {
      ruleId: 'R-FUND-DEADLINE' as const,
      title: t.title ?? 'R-FUND-DEADLINE',
      clause: t.clause,
      quote: t.quote,
    };
    const label = `${quarter.year}Q${quarter.q}`;
    if (!requestDate) {
      return {
        ...base,
        severity: 'info',
        status: 'pending',
        message: `待核查：${label} 用款申请须于 ${deadline}（含）前报送`,
        facts: `截止日 ${deadline}`,
      };
    }
    if (requestDate <= deadline) {
      return {
        ...base,
        severity: 'info',
        status: 'pass',
        message: '用款申请在截止日前报送',
        facts: `报送 ${requestDate} ≤ 截止 ${deadline}`,
      };
    }
    return {
      ...base,
      severity: 'error',
      status: 'fail',
      message: '用款申请晚于截止日',
      facts: `报送 ${requestDate} > 截止 ${deadline}`,
    };
  },
};
