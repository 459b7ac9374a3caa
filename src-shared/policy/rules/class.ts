// Class rules (附件1–3 三): size, hours, recorded share, lecturers, textbook, plan, venue.
import { memoSlot, type ClassContext, type TraineeState } from '../context';
import {
  fmtHours,
  fmtPercent,
  OUTCOME_SOURCE_ZH,
  type Finding,
  type OutcomeSource,
} from '../findings';
import type { RuleDef } from './types';

export const packPeriod: RuleDef = {
  id: 'R-PACK-PERIOD',
  group: 'pack',
  classCheck: (ctx) => {
    const { from, to } = ctx.pack.effective;
    const facts = `开班日 ${ctx.cls.startDate}；政策包 ${ctx.pack.issuingDocument.number} 有效期 ${from} 至 ${to}`;
    if (ctx.packInForce)
      return [ctx.pass('R-PACK-PERIOD', `按 ${ctx.pack.issuingDocument.number} 判断`, facts)];
    // No pack, no claim: nothing of this class is claimable; the rest is a labelled preview.
    return [
      ctx.finding(
        'R-PACK-PERIOD',
        'warning',
        'not-applicable',
        `不适用：${neededPack(ctx.cls.startDate)}；以下按 ${ctx.pack.issuingDocument.number} 预览，仅供参考`,
        facts,
      ),
    ];
  },
};

/** What the reviewer must bring so a class outside every pack can be judged. */
export function neededPack(startDate: string): string {
  return `开班日 ${startDate} 不在任何政策包有效期内，须导入有效期覆盖 ${startDate} 的政策包`;
}

export const classSize: RuleDef = {
  id: 'R-CLASS-SIZE',
  group: 'class',
  classCheck: (ctx) => {
    const subsidised = ctx.cls.traineeIds.length;
    const market = ctx.cls.marketTraineeCount;
    const n = subsidised + market;
    const max = ctx.params.classSizeMax;
    const facts = `${market ? `补贴学员 ${subsidised} 人 + 市场学员 ${market} 人 = ` : ''}${n} 人 ${n <= max ? '≤' : '>'} ${max} 人`;
    return [
      n <= max
        ? ctx.pass('R-CLASS-SIZE', '班级规模符合要求', facts)
        : ctx.finding('R-CLASS-SIZE', 'error', 'fail', `班级规模超过 ${max} 人`, facts),
    ];
  },
};

/** The filed hours, and the unproven offline hours left out of them (R-OFFLINE-CLIP). */
function hoursBase(ctx: ClassContext): string {
  const per = ctx.pack.minutesPerHour;
  const filed = `已排 ${fmtHours(ctx.minutes.total, ctx.pack.minutesPerHour)} 课时（${ctx.minutes.total} 分钟 ÷ ${per}）`;
  const n = ctx.unprovenHours.length;
  if (n === 0) return filed;
  return `${filed}，其中 ${n} 课时缺少或未通过现场视频不计入，计 ${fmtHours(ctx.countedMinutes, ctx.pack.minutesPerHour)} 课时`;
}

export const hoursMin: RuleDef = {
  id: 'R-HOURS-MIN',
  group: 'class',
  classCheck: (ctx) => {
    const counted = ctx.countedMinutes;
    const outcomeMin = ctx.params.outcomeHours * ctx.pack.minutesPerHour;
    const min = ctx.params.minHours;
    const base = hoursBase(ctx);
    if (counted >= ctx.minMinutes) {
      return [ctx.pass('R-HOURS-MIN', '已排课时达到总课时要求', `${base} ≥ ${min} 课时`)];
    }
    if (counted + outcomeMin >= ctx.minMinutes) {
      return [
        ctx.pass(
          'R-HOURS-MIN',
          `已排课时须加上成果评审合格的 ${ctx.params.outcomeHours} 课时才达到要求`,
          `${base} + 成果 ${ctx.params.outcomeHours} 课时 ≥ ${min} 课时`,
        ),
      ];
    }
    return [
      ctx.finding(
        'R-HOURS-MIN',
        'error',
        'fail',
        '总课时不足，成果评审合格也无法达到要求',
        `${base} + 成果 ${ctx.params.outcomeHours} 课时 = ${fmtHours(counted + outcomeMin, ctx.pack.minutesPerHour)} 课时 < ${min} 课时`,
      ),
    ];
  },
  traineeCheck: (ctx, t) => {
    const counted = ctx.countedMinutes;
    if (counted >= ctx.minMinutes) return null; // the class finding already says it
    if (counted + ctx.params.outcomeHours * ctx.pack.minutesPerHour < ctx.minMinutes) return null;
    if (t.outcome === undefined) return ctx.once(hoursPending);
    if (t.outcome) return ctx.memo(hoursWithOutcome, 0, t, undefined);
    return ctx.once(hoursShort);
  },
};

// Within a class the counted hours are one figure and the outcome adds a fixed number of hours,
// so each wording is one value per class.
const hoursPending = memoSlot('R-HOURS-MIN', (ctx) =>
  ctx.pending(
    'R-HOURS-MIN',
    '成果评审结果未确定，课时是否达标取决于评审',
    `计入 ${fmtHours(ctx.countedMinutes, ctx.pack.minutesPerHour)} 课时 < ${ctx.params.minHours} 课时，待成果评审`,
  ),
);

const hoursWithOutcome = memoSlot('R-HOURS-MIN', (ctx, t: TraineeState) =>
  ctx.pass(
    'R-HOURS-MIN',
    '含成果课时后达到总课时',
    `计入 ${fmtHours(ctx.countedMinutes, ctx.pack.minutesPerHour)} + 成果 ${ctx.params.outcomeHours} = ${fmtHours(t.creditedMinutes, ctx.pack.minutesPerHour)} 课时 ≥ ${ctx.params.minHours} 课时`,
  ),
);

const hoursShort = memoSlot('R-HOURS-MIN', (ctx) =>
  ctx.finding(
    'R-HOURS-MIN',
    'error',
    'fail',
    '成果评审未通过，不计成果课时，总课时不足',
    `计入 ${fmtHours(ctx.countedMinutes, ctx.pack.minutesPerHour)} 课时 + 成果 0 课时 < ${ctx.params.minHours} 课时`,
  ),
);

export const recordedMax: RuleDef = {
  id: 'R-RECORDED-MAX',
  group: 'class',
  classCheck: (ctx) => {
    const { recorded, total } = ctx.minutes;
    const ratio = ctx.params.recordedMaxRatio;
    if (total === 0)
      return [ctx.finding('R-RECORDED-MAX', 'error', 'fail', '班级没有任何课程安排', '总 0 课时')];
    const share = recorded / total;
    const ok = recorded <= total * ratio;
    const facts = `录播 ${fmtHours(recorded, ctx.pack.minutesPerHour)} 课时 / 总 ${fmtHours(total, ctx.pack.minutesPerHour)} 课时 = ${fmtPercent(share)} ${ok ? '≤' : '>'} ${fmtPercent(ratio)}`;
    return [
      ok
        ? ctx.pass('R-RECORDED-MAX', '录播课时比例符合要求', facts)
        : ctx.finding('R-RECORDED-MAX', 'error', 'fail', '录播课时比例超过上限', facts),
    ];
  },
};

/** The conflict in words: the platform's number against the local fail. */
export function conflictFacts(ctx: ClassContext, t: TraineeState): string {
  const n = ctx.certNumbers.get(t.id)?.number ?? '';
  const c = t.conflict;
  const local =
    c?.local === 'panel'
      ? `本地评审组决定不合格（${c.decision?.decidedAt ?? ''}${c.decision?.recordId ? `，记录 ${c.decision.recordId}` : ''}）`
      : '核查录入为不合格';
  return `平台记录：已分派证书编号 ${n}（即成果合格）；${local}`;
}

export const outcomeHours: RuleDef = {
  id: 'R-OUTCOME-HOURS',
  group: 'class',
  traineeCheck: (ctx, t) => {
    if (t.conflict)
      return ctx.finding(
        'R-OUTCOME-HOURS',
        'warning',
        'pending',
        '成果结论冲突：平台记录为合格，本地结论为不合格，须核实后处理；成果课时暂不计入',
        conflictFacts(ctx, t),
        t.id,
      );
    if (t.outcome === undefined) return ctx.once(outcomePending);
    const source = t.source ?? 'input';
    return ctx.memo(t.outcome ? outcomeCounted : outcomeFailed, source, t, source);
  },
};

const outcomePending = memoSlot('R-OUTCOME-HOURS', (ctx) =>
  ctx.pending(
    'R-OUTCOME-HOURS',
    '成果评审结果未录入',
    `成果 ${ctx.params.outcomeHours} 课时暂不计入`,
  ),
);

const outcomeCounted = memoSlot(
  'R-OUTCOME-HOURS',
  (ctx, t: TraineeState, source: OutcomeSource) => {
    const h = ctx.params.outcomeHours;
    return withSource(
      ctx.pass(
        'R-OUTCOME-HOURS',
        `成果评审合格（${OUTCOME_SOURCE_ZH[source]}），计入 ${h} 课时`,
        `${source === 'platform' ? '管理平台已分派证书编号；' : ''}计入 ${fmtHours(ctx.countedMinutes, ctx.pack.minutesPerHour)} + 成果 ${h} = ${fmtHours(t.creditedMinutes, ctx.pack.minutesPerHour)} 课时`,
      ),
      source,
    );
  },
);

const outcomeFailed = memoSlot('R-OUTCOME-HOURS', (ctx, t: TraineeState, source: OutcomeSource) =>
  withSource(
    ctx.finding(
      'R-OUTCOME-HOURS',
      'info',
      'fail',
      `成果评审不合格（${OUTCOME_SOURCE_ZH[source]}），成果课时不计入`,
      `计入 ${fmtHours(t.creditedMinutes, ctx.pack.minutesPerHour)} 课时（不含成果 ${ctx.params.outcomeHours} 课时）`,
    ),
    source,
  ),
);

export function withSource(f: Finding, source: OutcomeSource | undefined): Finding {
  if (source) f.source = source;
  return f;
}

const CERT_ZH: Record<string, string> = {
  'beijing-startup-teacher': '北京市创业培训教师合格证书',
  'startup-lecturer-training': '创业培训讲师培训合格证书',
  'online-startup-lecturer': '网络创业培训讲师培训合格证书',
};

export const lecturers: RuleDef = {
  id: 'R-LECTURERS',
  group: 'class',
  classCheck: (ctx) => {
    const p = ctx.params;
    const teaching = new Set<string>();
    for (const s of ctx.sessions)
      if (s.mode !== 'recorded') for (const id of s.lecturerIds) teaching.add(id);
    const qualified: string[] = [];
    const unqualified: string[] = [];
    for (const id of teaching) {
      const l = ctx.index.lecturers.get(id);
      const ok =
        l !== undefined &&
        (!p.lecturerMustBeFullTime || l.fullTime) &&
        (p.lecturerCertificates.length === 0 ||
          l.certificates.some((c) => p.lecturerCertificates.includes(c.type)));
      (ok ? qualified : unqualified).push(l?.name ?? id);
    }
    const need = p.lecturersMin;
    const req = p.lecturerMustBeFullTime
      ? '专职讲师'
      : `持《${p.lecturerCertificates.map((c) => CERT_ZH[c] ?? c).join('》或《')}》的讲师`;
    const facts = `承担直播/线下教学的${req} ${qualified.length} 名（${qualified.join('、') || '无'}）${qualified.length >= need ? '≥' : '<'} ${need} 名${unqualified.length ? `；不符合：${unqualified.join('、')}` : ''}`;
    return [
      qualified.length >= need
        ? ctx.pass('R-LECTURERS', '讲师配备符合要求', facts)
        : ctx.finding('R-LECTURERS', 'error', 'fail', '合格讲师不足', facts),
    ];
  },
};

const normTitle = (s: string): string =>
  s
    .replace(/[《》\s]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');

export const textbook: RuleDef = {
  id: 'R-TEXTBOOK',
  group: 'class',
  classCheck: (ctx) => {
    const list = ctx.params.textbooks;
    if (!list) return [ctx.notApplicable('R-TEXTBOOK', `${ctx.params.name} 未规定教材`)];
    const used = ctx.cls.textbook;
    if (!used)
      return [
        ctx.pending(
          'R-TEXTBOOK',
          '培训方案未填写教材',
          `规定教材：${list.map((b) => `《${b}》`).join('')}等`,
        ),
      ];
    const hit = list.some((b) => normTitle(b) === normTitle(used));
    if (hit)
      return [ctx.pass('R-TEXTBOOK', '使用规定教材', `《${normTitle(used)}》在规定教材之列`)];
    // The notice's list ends with 「等」, so an unlisted book is a question, not a violation.
    return [
      ctx.finding(
        'R-TEXTBOOK',
        'warning',
        'pending',
        '待核查：教材不在列举范围内，须确认是否属同类教材',
        `《${normTitle(used)}》不在 ${list.map((b) => `《${b}》`).join('')} 之列`,
      ),
    ];
  },
};

export const planApproved: RuleDef = {
  id: 'R-PLAN-APPROVED',
  group: 'class',
  classCheck: (ctx) => {
    const { planApprovedByDistrictAt: d, planConfirmedByCityAt: c, startDate } = ctx.cls;
    const facts = `区审核 ${d ?? '无记录'}；市确认 ${c ?? '无记录'}；开班 ${startDate}`;
    if (!d || !c) {
      return [
        ctx.finding(
          'R-PLAN-APPROVED',
          'error',
          'fail',
          `培训方案缺少${!d ? '区人社局审核' : ''}${!d && !c ? '和' : ''}${!c ? '市就业促进中心确认' : ''}记录`,
          facts,
        ),
      ];
    }
    // Approval on the start day itself still precedes the class: the notice says 开班 follows 确认.
    const late = [
      d > startDate ? `区审核晚于开班 ${d}` : '',
      c > startDate ? `市确认晚于开班 ${c}` : '',
    ].filter(Boolean);
    if (late.length)
      return [
        ctx.finding(
          'R-PLAN-APPROVED',
          'error',
          'fail',
          '培训方案在开班后才审核/确认',
          `${facts}：${late.join('；')}`,
        ),
      ];
    if (c < d)
      return [
        ctx.finding('R-PLAN-APPROVED', 'warning', 'fail', '市确认早于区审核，顺序异常', facts),
      ];
    return [ctx.pass('R-PLAN-APPROVED', '培训方案已在开班前审核并确认', facts)];
  },
};

const normVenue = (s: string): string => s.replace(/\s+/g, '');

export const venue: RuleDef = {
  id: 'R-VENUE',
  group: 'class',
  classCheck: (ctx) => {
    const filed = normVenue(ctx.cls.venue);
    const offline = ctx.sessions.filter((s) => s.mode === 'offline');
    if (offline.length === 0) return [ctx.notApplicable('R-VENUE', '无线下课程')];
    const elsewhere = offline.filter((s) => s.venue !== undefined && normVenue(s.venue) !== filed);
    const unknown = offline.filter((s) => s.venue === undefined);
    if (elsewhere.length) {
      return [
        ctx.finding(
          'R-VENUE',
          'error',
          'fail',
          '线下培训在备案地点外开展',
          `备案地点「${ctx.cls.venue}」；${elsewhere.map((s) => `${s.date} 在「${s.venue}」`).join('；')}`,
        ),
      ];
    }
    if (unknown.length)
      return [
        ctx.pending(
          'R-VENUE',
          `${unknown.length} 次线下课程未记录地点`,
          `备案地点「${ctx.cls.venue}」`,
        ),
      ];
    return [
      ctx.pass(
        'R-VENUE',
        '线下课程均在备案地点',
        `${offline.length} 次线下课程均在「${ctx.cls.venue}」`,
      ),
    ];
  },
};
