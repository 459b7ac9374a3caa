// Plausible plan text for the demo PDFs. Kept to a modest vocabulary on purpose: every PDF
// embeds a font subset of exactly the characters it uses, so fewer distinct characters keep
// each file in the tens of kilobytes.
import type { Rng } from './prng';

export interface PlanSection {
  heading: string;
  paragraphs: string[];
}

export interface PlanTable {
  caption: string;
  header: string[];
  rows: string[][];
}

export interface PlanDoc {
  title: string;
  project: string;
  /** Title-page lines such as ['申报人', '张伟']. */
  facts: Array<[string, string]>;
  sections: PlanSection[];
  table?: PlanTable;
}

export interface PlanContext {
  project: string;
  industry: string;
  district: string;
  capitalWan: number;
  monthlyYuan: number;
}

export function summarySection(c: PlanContext): PlanSection {
  return {
    heading: '一、项目概述',
    paragraphs: [
      `本项目为${c.project}，属于${c.industry}行业，计划在北京市${c.district}开展经营。` +
        `项目启动资金约${c.capitalWan}万元，预计开业后第六个月起月营业收入达到${c.monthlyYuan}元。`,
    ],
  };
}

export function fullSections(rng: Rng, c: PlanContext): PlanSection[] {
  const customers = rng.pick([
    '周边社区居民',
    '附近高校学生',
    '写字楼上班族',
    '年轻家庭',
    '中小企业客户',
  ]);
  const rivals = rng.int(2, 6);
  const staff = rng.int(2, 6);
  const rent = rng.int(6, 18) * 1000;
  return [
    summarySection(c),
    {
      heading: '二、市场分析',
      paragraphs: [
        `目标客户主要是${customers}。经过实地调查，项目所在区域内同类经营者约有${rivals}家，` +
          `多数以价格竞争为主，服务质量和客户体验仍有提升空间。`,
        `本项目以稳定的质量、合理的价格和周到的服务赢得客户，并通过会员制度提高回头客比例。`,
      ],
    },
    {
      heading: '三、营销计划',
      paragraphs: [
        `开业初期通过社区活动、线上平台和老客户推荐三种方式推广；` +
          `产品定价参考同类经营者的平均水平，开业第一个月提供优惠。`,
      ],
    },
    {
      heading: '四、组织与人员',
      paragraphs: [
        `创业者本人负责经营管理，计划招聘员工${staff}名，均签订劳动合同并依法缴纳社会保险。`,
      ],
    },
    {
      heading: '五、财务预测',
      paragraphs: [
        `启动资金${c.capitalWan}万元，其中自有资金占六成，其余申请创业担保贷款。` +
          `月租金约${rent}元，预计第八个月实现收支平衡，第一年净利润约${Math.round(c.monthlyYuan * 1.2)}元。`,
      ],
    },
    {
      heading: '六、风险分析',
      paragraphs: [
        `主要风险是客户数量不及预期和成本上涨。应对措施：控制库存，按月分析经营数据，及时调整经营计划。`,
      ],
    },
  ];
}

export function salesTable(rng: Rng, months: string[], meanYuan: number): PlanTable {
  return {
    caption: '月度销售数据（平台导出）',
    header: ['月份', '订单数', '销售额（元）'],
    rows: months.map((m) => {
      const amount = Math.max(0, Math.round(meanYuan * (0.6 + rng.next() * 0.8)));
      return [m, String(Math.max(1, Math.round(amount / rng.int(60, 140)))), String(amount)];
    }),
  };
}
