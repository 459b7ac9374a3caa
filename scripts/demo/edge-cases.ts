// Deliberate eligibility and history edge cases, each noted for the docs and tests.
import type { Trainee } from '../../src-shared/records/records';
import { zhDate } from './calendar';
import type { ClassPlan } from './classes';
import { salesTable } from './plan-text';
import type { Ctx } from './types';

/** Seeds eligibility and history edge cases onto chosen trainees of a class. */
export function seedEdgeCases(ctx: Ctx, plan: ClassPlan, trainees: Trainee[]): void {
  const at = (i: number): Trainee | undefined => trainees[i];
  if (plan.id === 'C-2025-HD-B01') {
    const late = at(6);
    if (late) {
      Object.assign(late, { targetGroup: 'graduate', birthDate: '1998-04-12' });
      late.graduate = {
        school: '北京联合大学',
        schoolInBeijing: true,
        beijingOrigin: false,
        level: 'university',
        graduationDate: '2021-06-30',
        employed: false,
      };
      delete late.unemployedRegisteredAt;
      ctx.notes[late.id] = '毕业于 2021-06-30，开班时离校已超过 2 年（R-TARGET-GROUP）';
    }
    const twice = at(9);
    if (twice) {
      twice.history.push({
        program: 'online',
        classId: 'C-2024-XC-O12',
        // R-ONE-PER-YEAR counts calendar years (docs/policy.md): a finish in 2025, the year
        // this class ends, is what makes the second subsidised training a violation.
        completedAt: '2025-01-24',
        subsidised: true,
        certificateNumber: 'BJWL-2025-000187',
      });
      ctx.notes[twice.id] =
        '2025-01-24 已完成一次补贴性网络创业培训，同一年度第二次参加（R-ONE-PER-YEAR）';
    }
  }
  if (plan.id === 'C-2025-CY-B03') {
    const repeat = at(3);
    if (repeat) {
      repeat.history.push({
        program: 'basic',
        classId: 'C-2023-FT-B21',
        completedAt: '2023-06-16',
        subsidised: true,
        certificateNumber: 'BJJC-2023-011542',
      });
      ctx.notes[repeat.id] = '2023 年已取得创业基础培训合格证书，重复参加同一项目（R-NO-REPEAT）';
    }
  }
  if (plan.id === 'C-2025-CY-O01') {
    const outOfTown = at(4);
    if (outOfTown) {
      Object.assign(outOfTown, { targetGroup: 'graduate', birthDate: '2002-09-03' });
      outOfTown.graduate = {
        school: '郑州大学',
        schoolInBeijing: false,
        beijingOrigin: false,
        level: 'university',
        graduationDate: '2024-06-30',
        employed: false,
      };
      delete outOfTown.unemployedRegisteredAt;
      ctx.notes[outOfTown.id] = '京外高校毕业且非京籍生源，不属于重点群体（R-TARGET-GROUP）';
    }
    const origin = at(7);
    if (origin) {
      Object.assign(origin, { targetGroup: 'graduate', birthDate: '2001-12-19' });
      origin.graduate = {
        school: '河北大学',
        schoolInBeijing: false,
        beijingOrigin: true,
        level: 'university',
        graduationDate: '2024-06-30',
        employed: false,
      };
      delete origin.unemployedRegisteredAt;
      ctx.notes[origin.id] = '京外高校毕业的京籍生源，属于重点群体（符合条件的对照样例）';
    }
  }
}

export function practiceEvidence(ctx: Ctx, trainees: Trainee[]): void {
  const { rng } = ctx;
  const months = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05'];
  const shop = (t: Trainee, mean: number, note: string) => {
    const fileId = `evidence-${t.id}-sales`;
    const table = salesTable(rng, months, mean);
    const monthlySales = table.rows.map((r) => ({ month: r[0] ?? '', amountYuan: Number(r[2]) }));
    t.practice = { shopOpenedAt: '2024-11-20', monthlySales, evidenceFileIds: [fileId] };
    ctx.files.push({
      id: fileId,
      path: `evidence/${t.id}-sales.csv`,
      mediaType: 'text/csv',
      kind: 'sales-table',
      external: false,
      content: {
        type: 'csv',
        text:
          ['月份,订单数,销售额（元）', ...table.rows.map((r) => r.join(','))].join('\r\n') + '\r\n',
      },
    });
    ctx.notes[t.id] = note;
  };
  const [a, b, c] = trainees;
  if (a) shop(a, 5200, '网店开业满 6 个月，月均销售额超过 3000 元（R-SUBSIDY-PRACTICE 符合）');
  if (b) shop(b, 1800, '网店开业满 6 个月，但月均销售额不足 3000 元（R-SUBSIDY-PRACTICE 不符合）');
  if (c) {
    const fileId = `evidence-${c.id}-licence`;
    c.practice = { licenceIssuedAt: '2024-12-02', monthlySales: [], evidenceFileIds: [fileId] };
    ctx.files.push({
      id: fileId,
      path: `evidence/${c.id}-licence.pdf`,
      mediaType: 'application/pdf',
      kind: 'evidence',
      external: false,
      content: {
        type: 'pdf',
        doc: {
          title: '营业执照（演示复印件）',
          project: '个体工商户营业执照',
          facts: [
            ['经营者', c.name],
            ['名称', '北京市海淀区小桃网店'],
            ['登记日期', zhDate('2024-12-02')],
            ['登记机关', '北京市海淀区市场监督管理局'],
          ],
          sections: [],
        },
      },
    });
    ctx.notes[c.id] = '营业执照于 2024-12-02 取得，至 2025-06 满 6 个月（R-SUBSIDY-PRACTICE 符合）';
  }
}
