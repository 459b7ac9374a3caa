// Who may be trained with a subsidy (通知 一、三; 附件3 一). Windows are inclusive of their
// bound: 「两年内」「12个月内」 include the anniversary day (民法典 第一千二百五十九条).
import type { Trainee, TrainingClass } from '../../records/records';
import { addMonths, addYears, yearOf } from '../dates';
import { memoSlot, type ClassContext } from '../context';
import type { Finding } from '../findings';
import { PROGRAM_NAMES } from '../programs';
import type { RuleDef } from './types';

const GROUP_ZH: Record<string, string> = {
  graduate: '高校/职校毕业生',
  'registered-unemployed': '本市登记失业人员',
  'rural-migrant': '农村转移就业劳动力',
  veteran: '退役军人',
  none: '非重点就业群体',
};

/** Not one of the program's groups: one finding per group. */
const groupRefused = memoSlot('R-TARGET-GROUP', (ctx, g: string) =>
  ctx.finding(
    'R-TARGET-GROUP',
    'error',
    'fail',
    '不属于重点就业群体',
    `人员类别：${GROUP_ZH[g] ?? g}`,
  ),
);

const graduateUnknown = memoSlot('R-TARGET-GROUP', (ctx) =>
  ctx.pending('R-TARGET-GROUP', '缺少毕业信息', '人员类别为毕业生，但无学校、毕业日期和就业状态'),
);

type Graduate = NonNullable<Trainee['graduate']>;
/** By graduation day, then school: one finding per combination of the three flags (8 slots). */
type GraduateFindings = Map<string, (Finding | undefined)[]>;

const graduatesBySchool = memoSlot('R-TARGET-GROUP', (): GraduateFindings => new Map());

/** The same graduation day, school and flags read the same. */
function graduateFinding(ctx: ClassContext, gr: Graduate): Finding {
  const bySchool = ctx.memo(graduatesBySchool, gr.graduationDate, undefined, undefined);
  let slots = bySchool.get(gr.school);
  if (!slots) {
    slots = new Array<Finding | undefined>(8);
    bySchool.set(gr.school, slots);
  }
  const slot = (gr.schoolInBeijing ? 1 : 0) | (gr.beijingOrigin ? 2 : 0) | (gr.employed ? 4 : 0);
  return (slots[slot] ??= judgeGraduate(ctx, gr));
}

function judgeGraduate(ctx: ClassContext, gr: Graduate): Finding {
  const start = ctx.cls.startDate;
  const rules = ctx.pack.graduate;
  const beijing = gr.schoolInBeijing || (rules.acceptBeijingOriginElsewhere && gr.beijingOrigin);
  const gradMD = gr.graduationDate.slice(5);
  // 毕业学年: the academic year that ends with graduation (from 09-01 of the year before a summer graduation).
  const ayYear =
    gradMD >= rules.academicYearStartMonthDay
      ? yearOf(gr.graduationDate)
      : yearOf(gr.graduationDate) - 1;
  const ayStart = `${ayYear}-${rules.academicYearStartMonthDay}`;
  const windowEnd = addYears(gr.graduationDate, rules.yearsAfterLeaving);
  const where = gr.schoolInBeijing
    ? `北京地区院校 ${gr.school}`
    : `京外院校 ${gr.school}（${gr.beijingOrigin ? '北京生源' : '非北京生源'}）`;
  const when = `毕业 ${gr.graduationDate}；毕业学年自 ${ayStart}，离校${rules.yearsAfterLeaving}年截至 ${windowEnd}；开班 ${start}`;
  const problems: string[] = [];
  if (!beijing) problems.push('京外院校且非北京生源');
  if (gr.employed) problems.push('已就业');
  if (start < ayStart) problems.push('开班时尚未进入毕业学年');
  if (start > windowEnd) problems.push(`开班时离校已超过${rules.yearsAfterLeaving}年`);
  const facts = `${where}；${when}；${gr.employed ? '已就业' : '未就业'}`;
  if (problems.length)
    return ctx.finding(
      'R-TARGET-GROUP',
      'error',
      'fail',
      `毕业生条件不符：${problems.join('、')}`,
      facts,
    );
  return ctx.pass('R-TARGET-GROUP', '符合院校毕业生条件', facts);
}

const unemployedUnknown = memoSlot('R-TARGET-GROUP', (ctx) =>
  ctx.pending('R-TARGET-GROUP', '缺少失业登记日期', '人员类别为登记失业人员'),
);

/** By registration day. */
const unemployed = memoSlot('R-TARGET-GROUP', (ctx, at: string) => {
  const start = ctx.cls.startDate;
  return at > start
    ? ctx.finding(
        'R-TARGET-GROUP',
        'error',
        'fail',
        '开班后才登记失业',
        `失业登记 ${at} 晚于开班 ${start}`,
      )
    : ctx.pass('R-TARGET-GROUP', '本市登记失业人员', `失业登记 ${at}，开班 ${start}`);
});

/** A group the platform vouches for: one finding per group. */
const groupAccepted = memoSlot('R-TARGET-GROUP', (ctx, g: string) =>
  ctx.pass(
    'R-TARGET-GROUP',
    `属于重点就业群体：${GROUP_ZH[g]}`,
    `人员类别：${GROUP_ZH[g]}（以管理平台认定为准）`,
  ),
);

export const targetGroup: RuleDef = {
  id: 'R-TARGET-GROUP',
  group: 'eligibility',
  traineeCheck: (ctx, t) => {
    const groups = ctx.params.targetGroups;
    if (!groups) return null;
    const tr = t.trainee;
    if (!tr)
      return ctx.finding(
        'R-TARGET-GROUP',
        'error',
        'fail',
        '学员记录缺失',
        `学员 ${t.id} 不在学员名单中`,
        t.id,
      );
    const g = tr.targetGroup;
    if (!groups.includes(g)) return ctx.memo(groupRefused, g, g, undefined);
    if (g === 'graduate') {
      const gr = tr.graduate;
      return gr ? graduateFinding(ctx, gr) : ctx.once(graduateUnknown);
    }
    if (g === 'registered-unemployed') {
      const at = tr.unemployedRegisteredAt;
      return at ? ctx.memo(unemployed, at, at, undefined) : ctx.once(unemployedUnknown);
    }
    return ctx.memo(groupAccepted, g, g, undefined);
  },
};

/** An earlier training in one of `programs` that ended with a certificate before `start`. */
function certifiedIn(
  tr: Trainee,
  programs: readonly string[],
  start: string,
): Trainee['history'][number] | undefined {
  // A loop, not find(): this runs for every trainee of every elite class.
  for (const h of tr.history)
    if (programs.includes(h.program) && h.certificateNumber && h.completedAt <= start) return h;
  return undefined;
}

const ELITE_LAUNCH: readonly string[] = ['elite-launch'];

/** The accepting sentence, by business kind. */
const newBusiness = memoSlot(
  'R-ELITE-ELIGIBLE',
  (ctx, kind: 'company' | 'individual') =>
    `本市注册 ${ctx.pack.elite.practiceWindowMonths} 个月内的新创${kind === 'company' ? '小微企业负责人' : '个体工商户经营者'}`,
);

/** The last day of the practice window, by business registration day. */
const practiceWindowEnd = memoSlot('R-ELITE-ELIGIBLE', (ctx, registeredAt: string) =>
  addMonths(registeredAt, ctx.pack.elite.practiceWindowMonths),
);

export const eliteEligible: RuleDef = {
  id: 'R-ELITE-ELIGIBLE',
  group: 'eligibility',
  traineeCheck: (ctx, t) => {
    const program = ctx.program;
    if (program !== 'elite-launch' && program !== 'elite-practice') return null;
    const tr = t.trainee;
    if (!tr)
      return ctx.finding(
        'R-ELITE-ELIGIBLE',
        'error',
        'fail',
        '学员记录缺失',
        `学员 ${t.id} 不在学员名单中`,
        t.id,
      );
    const start = ctx.cls.startDate;
    const e = ctx.pack.elite;
    if (program === 'elite-launch') {
      const h = certifiedIn(tr, e.launchPrerequisitePrograms, start);
      if (h)
        return ctx.pass(
          'R-ELITE-ELIGIBLE',
          `已取得${PROGRAM_NAMES[h.program]}合格证书`,
          `证书 ${h.certificateNumber}，结业 ${h.completedAt}`,
          t.id,
        );
      const a = tr.competitionAward;
      if (a && e.awardLevels.includes(a.level))
        return ctx.pass(
          'R-ELITE-ELIGIBLE',
          '市级及以上创业大赛获奖者',
          `${a.name}（${a.level === 'national' ? '国家级' : '市级'}）`,
          t.id,
        );
      const facts = a
        ? `${a.name} 为区级奖项；无创业基础/网络创业培训合格证书`
        : '无创业基础/网络创业培训合格证书，无市级及以上创业大赛获奖';
      return ctx.finding(
        'R-ELITE-ELIGIBLE',
        'error',
        'fail',
        '不符合菁英启航训练营培训对象',
        facts,
        t.id,
      );
    }
    const h = certifiedIn(tr, ELITE_LAUNCH, start);
    if (h)
      return ctx.pass(
        'R-ELITE-ELIGIBLE',
        '已取得菁英启航训练营合格证书',
        `证书 ${h.certificateNumber}，结业 ${h.completedAt}`,
        t.id,
      );
    const b = tr.business;
    if (!b)
      return ctx.finding(
        'R-ELITE-ELIGIBLE',
        'error',
        'fail',
        '不符合菁英实战训练营培训对象',
        '无企业/个体工商户登记信息，无菁英启航训练营合格证书',
        t.id,
      );
    const windowEnd = ctx.memo(practiceWindowEnd, b.registeredAt, b.registeredAt, undefined);
    const facts = `${b.name} 工商登记 ${b.registeredAt}，${e.practiceWindowMonths} 个月截至 ${windowEnd}；开班 ${start}`;
    const problems: string[] = [];
    if (!b.inBeijing) problems.push('非本市注册');
    if (b.kind === 'company' && !b.smallOrMicro) problems.push('非小微企业');
    if (b.registeredAt > start) problems.push('开班时尚未登记');
    if (start > windowEnd) problems.push(`开班时注册已超过 ${e.practiceWindowMonths} 个月`);
    if (problems.length)
      return ctx.finding(
        'R-ELITE-ELIGIBLE',
        'error',
        'fail',
        `不符合菁英实战训练营培训对象：${problems.join('、')}`,
        facts,
        t.id,
      );
    return ctx.pass(
      'R-ELITE-ELIGIBLE',
      ctx.memo(newBusiness, b.kind, b.kind, undefined),
      facts,
      t.id,
    );
  },
};

/** Classes of this package the trainee is also in, that come before `cls` (earlier end, then id). */
/**
 * A past class from the trainee's history: the platform sends only its number (no name), so it
 * is said as a number, the thing a clerk looks up on the platform.
 */
const pastClass = (classId: string) => `（往期班级编号 ${classId}）`;

function earlierInPackage(
  others: readonly TrainingClass[] | undefined,
  cls: TrainingClass,
  match: (o: TrainingClass) => boolean,
): TrainingClass | undefined {
  if (!others) return undefined;
  return others.find(
    (o) =>
      o.id !== cls.id &&
      match(o) &&
      (o.endDate < cls.endDate || (o.endDate === cls.endDate && o.id < cls.id)),
  );
}

const firstThisYear = memoSlot('R-ONE-PER-YEAR', (ctx) =>
  ctx.pass(
    'R-ONE-PER-YEAR',
    `${ctx.endYear} 年首次享受补贴培训`,
    `${ctx.endYear} 年无其他补贴培训记录`,
  ),
);

export const onePerYear: RuleDef = {
  id: 'R-ONE-PER-YEAR',
  group: 'eligibility',
  traineeCheck: (ctx, t) => {
    const tr = t.trainee;
    if (!tr) return null;
    const year = ctx.endYear;
    // Loops, not find(): no closure per trainee.
    let h: Trainee['history'][number] | undefined;
    for (const x of tr.history)
      if (x.subsidised && x.classId !== ctx.cls.id && yearOf(x.completedAt) === year) {
        h = x;
        break;
      }
    if (h)
      return ctx.finding(
        'R-ONE-PER-YEAR',
        'error',
        'fail',
        `${year} 年已享受过一次补贴创业培训`,
        `${PROGRAM_NAMES[h.program]}${pastClass(h.classId)}于 ${h.completedAt} 结业并享受补贴；本班结业 ${ctx.cls.endDate}`,
        t.id,
      );
    const o =
      ctx.index.multiClassTrainees.has(t.id) &&
      earlierInPackage(
        ctx.index.multiClassTrainees.get(t.id),
        ctx.cls,
        (c) => yearOf(c.endDate) === year,
      );
    if (o)
      return ctx.finding(
        'R-ONE-PER-YEAR',
        'error',
        'fail',
        `${year} 年已在本工作包另一班级参训`,
        `${o.name} 结业 ${o.endDate}；本班结业 ${ctx.cls.endDate}`,
        t.id,
      );
    return ctx.once(firstThisYear);
  },
};

const firstInProgram = memoSlot('R-NO-REPEAT', (ctx) => {
  const name = PROGRAM_NAMES[ctx.program];
  return ctx.pass('R-NO-REPEAT', `首次参加${name}`, `无${name}参训记录`);
});

export const noRepeat: RuleDef = {
  id: 'R-NO-REPEAT',
  group: 'eligibility',
  traineeCheck: (ctx, t) => {
    const tr = t.trainee;
    if (!tr) return null;
    const p = ctx.program;
    let h: Trainee['history'][number] | undefined;
    for (const x of tr.history)
      if (x.program === p && x.classId !== ctx.cls.id) {
        h = x;
        break;
      }
    if (h)
      return ctx.finding(
        'R-NO-REPEAT',
        'error',
        'fail',
        `已参加过${PROGRAM_NAMES[p]}，不可重复参加`,
        `${pastClass(h.classId)}于 ${h.completedAt} 结业`,
        t.id,
      );
    const o =
      ctx.index.multiClassTrainees.has(t.id) &&
      earlierInPackage(ctx.index.multiClassTrainees.get(t.id), ctx.cls, (c) => c.program === p);
    if (o)
      return ctx.finding(
        'R-NO-REPEAT',
        'error',
        'fail',
        `本工作包中已在另一${PROGRAM_NAMES[p]}班级参训`,
        `${o.id} 结业 ${o.endDate}`,
        t.id,
      );
    return ctx.once(firstInProgram);
  },
};
