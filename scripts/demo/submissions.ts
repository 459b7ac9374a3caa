// Outcome submissions (each a real PDF to render) and their expert assignments.
import type {
  Assignment,
  Submission,
  Trainee,
  TrainingClass,
} from '../../src-shared/records/records';
import { addDays, instant, zhDate } from './calendar';
import { ELITE_PROJECTS, ONLINE_PROJECTS, ORGANIZERS, PANELS, PROJECTS } from './catalog';
import type { ClassPlan } from './classes';
import {
  fullSections,
  salesTable,
  summarySection,
  type PlanContext,
  type PlanDoc,
} from './plan-text';
import { makeRng, type Rng } from './prng';
import type { Ctx, Printable } from './types';

function planContext(
  rng: Rng,
  project: [string, string],
  district: string,
  online: boolean,
): PlanContext {
  return {
    project: project[0],
    industry: project[1],
    district,
    capitalWan: online ? rng.int(1, 5) : rng.int(5, 40),
    monthlyYuan: rng.int(online ? 6 : 20, online ? 30 : 120) * 1000,
  };
}

export function submissionsFor(
  ctx: Ctx,
  plan: ClassPlan,
  klass: TrainingClass,
  trainee: Trainee,
  index: number,
  printable: Printable,
): Submission[] {
  const { rng } = ctx;
  const organizer = ORGANIZERS.find((o) => o.id === plan.organizerId)?.name ?? plan.organizerId;
  const applicant = printable(trainee.name)
    ? trainee.name
    : `（姓名含生僻字，见编号 ${trainee.id}）`;
  const submittedDate = addDays(plan.endDate, -rng.int(0, 4));
  const submittedAt = instant(
    submittedDate,
    `${String(rng.int(9, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
  );
  const facts: Array<[string, string]> = [
    ['申报人', applicant],
    ['培训班', klass.name],
    ['培训机构', organizer],
    ['提交日期', zhDate(submittedDate)],
  ];
  const make = (kind: Submission['kind'], title: string, doc: PlanDoc): Submission => {
    const short = {
      'business-plan': 'bp',
      'online-portfolio': 'op',
      'online-plan': 'ol',
      'commercial-plan': 'cp',
      'strategy-plan': 'sp',
    }[kind];
    const id = `sub-${trainee.id}-${short}`;
    const fileId = `file-${trainee.id}-${short}`;
    ctx.files.push({
      id: fileId,
      path: `submissions/${plan.id}/${trainee.id}-${short}.pdf`,
      mediaType: 'application/pdf',
      kind: kind === 'online-portfolio' ? 'portfolio' : 'business-plan',
      external: false,
      content: { type: 'pdf', doc },
    });
    return { id, traineeId: trainee.id, classId: plan.id, kind, title, fileId, submittedAt };
  };
  const long = index < 2;
  if (plan.program === 'basic') {
    const c = planContext(rng, rng.pick(PROJECTS), plan.district, false);
    const sections = long ? fullSections(rng, c) : [summarySection(c)];
    return [
      make('business-plan', `${c.project}创业计划书`, {
        title: '创业计划书',
        project: c.project,
        facts,
        sections,
      }),
    ];
  }
  if (plan.program === 'online') {
    const c = planContext(rng, rng.pick(ONLINE_PROJECTS), plan.district, true);
    const attachments = portfolioAttachments(ctx, plan, trainee, c);
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']
      .filter((m) => m <= plan.endDate.slice(0, 7))
      .slice(-3);
    const table = salesTable(
      rng,
      months.length > 0 ? months : ['2024-11', '2024-12'],
      c.monthlyYuan / 3,
    );
    const portfolio = make('online-portfolio', `${c.project}实践成果`, {
      title: '网络创业实践成果',
      project: c.project,
      facts,
      sections: [
        {
          heading: '店铺情况',
          paragraphs: [`店铺名称：${c.project}。培训期间完成开店、上架商品和试运营。`],
        },
      ],
      table,
    });
    return [
      { ...portfolio, attachmentFileIds: attachments },
      make('online-plan', `${c.project}网络创业规划书`, {
        title: '网络创业规划书',
        project: c.project,
        facts,
        sections: long ? fullSections(rng, c) : [summarySection(c)],
      }),
    ];
  }
  const c = planContext(rng, rng.pick(ELITE_PROJECTS), plan.district, false);
  const strategy = rng.chance(0.3);
  return [
    make(
      strategy ? 'strategy-plan' : 'commercial-plan',
      `${c.project}${strategy ? '专题战略规划' : '商业计划书'}`,
      {
        title: strategy ? '专题战略规划' : '商业计划书',
        project: c.project,
        facts,
        sections: fullSections(rng, c),
      },
    ),
  ];
}

const SIX_MONTHS = 6;

/** The `count` months up to and including the month of `isoDate`, oldest first. */
function monthsUpTo(isoDate: string, count: number): string[] {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * What an online trainee hands in with the portfolio: the shop's sales export for the six
 * months up to the class end (the span R-SUBSIDY-PRACTICE averages over) and a back-office
 * screenshot. Its own generator, seeded by the trainee, so the records drawn from the shared
 * stream stay as they were.
 */
function portfolioAttachments(
  ctx: Ctx,
  plan: ClassPlan,
  trainee: Trainee,
  c: PlanContext,
): string[] {
  const rng = makeRng(
    [...trainee.id].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261),
  );
  const table = salesTable(rng, monthsUpTo(plan.endDate, SIX_MONTHS), c.monthlyYuan / 3);
  const base = `submissions/${plan.id}/${trainee.id}`;
  const csvId = `file-${trainee.id}-op-sales`;
  const pngId = `file-${trainee.id}-op-shot`;
  ctx.files.push(
    {
      id: csvId,
      path: `${base}-op-sales.csv`,
      mediaType: 'text/csv',
      kind: 'sales-table',
      external: false,
      content: {
        type: 'csv',
        text: [table.header.join(','), ...table.rows.map((r) => r.join(','))].join('\r\n') + '\r\n',
      },
    },
    {
      id: pngId,
      path: `${base}-op-shop.png`,
      mediaType: 'image/png',
      kind: 'portfolio',
      external: false,
      content: {
        type: 'png',
        shot: {
          shop: c.project,
          products: rng.shuffle(['招牌款', '新品试用装', '组合礼盒', '会员专享款']).slice(0, 3),
          sales: table.rows.map((r) => [r[0] ?? '', Number(r[2])]),
          rating: `${(4.5 + rng.int(0, 4) / 10).toFixed(1)} 分`,
        },
      },
    },
  );
  return [csvId, pngId];
}

export function assignmentsFor(
  rng: Rng,
  sub: Submission,
  program: ClassPlan['program'],
): Assignment[] {
  const panel = program === 'online' ? PANELS[1] : PANELS[0];
  if (!panel) return [];
  const count = program.startsWith('elite') ? 3 : rng.int(2, 3);
  return rng
    .shuffle(panel.expertIds)
    .slice(0, count)
    .map((expertId) => ({
      id: `asg-${sub.id.slice(4)}-${expertId}`,
      submissionId: sub.id,
      panelId: panel.id,
      expertId,
      dueAt: '2025-07-15',
    }));
}
