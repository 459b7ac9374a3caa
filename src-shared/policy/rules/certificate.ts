// Certificates (附件1 三（八）, 附件2 三（八）, 附件3 三（六）): earned by passing the outcome
// review with enough hours; numbered only by the management platform.
import { fmtHours, OUTCOME_SOURCE_ZH, type OutcomeSource } from '../findings';
import { KIND_BIT, memoSlot, type ClassContext, type TraineeState } from '../context';
import { conflictFacts, withSource } from './class';
import type { RuleDef } from './types';

const KIND_ZH: Record<string, string> = {
  'business-plan': '《创业计划书》',
  'online-portfolio': '网络创业实践成果',
  'online-plan': '《网络创业规划书》',
  'commercial-plan': '《商业计划书》',
  'strategy-plan': '专题战略规划',
};

function hoursText(ctx: ClassContext, t: TraineeState): string {
  return `${fmtHours(t.creditedMinutes, ctx.pack.minutesPerHour)} 课时（要求 ${ctx.params.minHours}）`;
}

const SOURCE_BIT: Record<OutcomeSource, number> = { platform: 0, panel: 1, input: 2 };

// Every trainee of a class has the same counted hours, so the outcome (and where it came from)
// alone decides the wording: one value per class and source.
const passedPending = memoSlot('R-CERT-PASSED', (ctx) =>
  ctx.pending(
    'R-CERT-PASSED',
    '成果评审结果未录入',
    `证书取决于成果评审；计入 ${fmtHours(ctx.countedMinutes, ctx.pack.minutesPerHour)} 课时`,
  ),
);

const passedFailed = memoSlot('R-CERT-PASSED', (ctx, t: TraineeState, source: OutcomeSource) =>
  withSource(
    ctx.finding(
      'R-CERT-PASSED',
      'error',
      'fail',
      `成果评审不合格（${OUTCOME_SOURCE_ZH[source]}），不能取得合格证书`,
      `计入 ${hoursText(ctx, t)}`,
    ),
    source,
  ),
);

const passedShort = memoSlot('R-CERT-PASSED', (ctx, t: TraineeState, source: OutcomeSource) =>
  withSource(
    ctx.finding(
      'R-CERT-PASSED',
      'error',
      'fail',
      `成果评审合格（${OUTCOME_SOURCE_ZH[source]}）但总课时不足，不能取得合格证书`,
      `计入 ${hoursText(ctx, t)}`,
    ),
    source,
  ),
);

/** Keyed by source and submitted-kinds mask: the mask decides which deliverables are missing. */
const passedIncomplete = memoSlot('R-CERT-PASSED', (ctx, t: TraineeState, mask: number) => {
  const source = t.source ?? 'input';
  const missing = ctx.params.outcomeKinds.filter((alts) => !alts.some((k) => mask & KIND_BIT[k]));
  const names = missing.map((alts) => alts.map((k) => KIND_ZH[k] ?? k).join('或')).join('、');
  return withSource(
    ctx.finding(
      'R-CERT-PASSED',
      'warning',
      'pass',
      `成果评审合格（${OUTCOME_SOURCE_ZH[source]}），但记录中缺少${names}的提交`,
      `计入 ${hoursText(ctx, t)}`,
    ),
    source,
  );
});

const passedOk = memoSlot('R-CERT-PASSED', (ctx, t: TraineeState, source: OutcomeSource) =>
  withSource(
    ctx.pass(
      'R-CERT-PASSED',
      `可获${ctx.params.certificateName}（${OUTCOME_SOURCE_ZH[source]}）`,
      `成果评审合格；计入 ${hoursText(ctx, t)}`,
    ),
    source,
  ),
);

export const certPassed: RuleDef = {
  id: 'R-CERT-PASSED',
  group: 'certificate',
  traineeCheck: (ctx, t) => {
    if (t.conflict)
      return ctx.finding(
        'R-CERT-PASSED',
        'warning',
        'pending',
        '待核查：成果结论冲突（平台记录合格，本地结论不合格），须核实后确定是否取得证书',
        conflictFacts(ctx, t),
        t.id,
      );
    if (t.outcome === undefined) return ctx.once(passedPending);
    const source = t.source ?? 'input';
    if (!t.outcome) return ctx.memo(passedFailed, source, t, source);
    if (t.creditedMinutes < ctx.minMinutes) return ctx.memo(passedShort, source, t, source);
    // The platform judged the deliverables when it numbered the certificate; they need not be
    // in this package.
    const mask = source === 'platform' ? ~0 : (ctx.submissions.get(t.id) ?? 0);
    let complete = true;
    for (const m of ctx.outcomeMasks) if (!(mask & m)) complete = false;
    if (!complete) return ctx.memo(passedIncomplete, mask * 4 + SOURCE_BIT[source], t, mask);
    return ctx.memo(passedOk, source, t, source);
  },
};

const numberPending = memoSlot('R-CERT-NUMBER', (ctx) =>
  ctx.pending('R-CERT-NUMBER', '待管理平台分派证书编号', '证书编号只由管理平台分派，本机不生成'),
);

// The number itself is on TraineeResult.certificateNumber; the finding reads the same for all.
const numberOk = memoSlot('R-CERT-NUMBER', (ctx) =>
  ctx.pass('R-CERT-NUMBER', '管理平台已分派证书编号', '编号由管理平台分派，与本班项目一致且不重复'),
);

export const certNumber: RuleDef = {
  id: 'R-CERT-NUMBER',
  group: 'certificate',
  traineeCheck: (ctx, t) => {
    const n = ctx.certNumbers.get(t.id);
    const earned = t.outcome === true && t.creditedMinutes >= ctx.minMinutes;
    if (!n) {
      if (!earned) return null;
      return ctx.once(numberPending);
    }
    if (n.program !== ctx.program)
      return ctx.finding(
        'R-CERT-NUMBER',
        'error',
        'fail',
        '证书编号所属项目与班级不符',
        `编号 ${n.number} 属 ${n.program}，班级为 ${ctx.program}`,
        t.id,
      );
    if (ctx.index.duplicateCertNumbers.has(n.number))
      return ctx.finding(
        'R-CERT-NUMBER',
        'error',
        'fail',
        '证书编号重复',
        `编号 ${n.number} 被多名学员使用`,
        t.id,
      );
    if (t.outcome === false || (t.outcome === true && !earned))
      return ctx.finding(
        'R-CERT-NUMBER',
        'error',
        'fail',
        '未达到取证条件却已有证书编号，须核实',
        `编号 ${n.number}`,
        t.id,
      );
    return ctx.once(numberOk);
  },
};
