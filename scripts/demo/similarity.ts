// Seeds the similarity pre-check's cases (抄袭 / 代写) into the generated plans, after the
// seeded generator has run and without drawing from it, so every other record stays as it was:
// - a near copy: one plan copies another from a different class and organiser with small edits;
// - a template pair: two plans that share the template headings and nothing else (must NOT be
//   flagged).
// All four are basic-program plans assigned to the demo expert exp-03 (朱丽萍), in the panel
// chaired by exp-01, so both the expert and the chair see them.
import type { Assignment, Submission } from '../../src-shared/records/records';
import type { PlanSection } from './plan-text';
import type { Ctx } from './types';

const HEADINGS = [
  '一、项目概述',
  '二、市场分析',
  '三、营销计划',
  '四、组织与人员',
  '五、财务预测',
  '六、风险分析',
] as const;

const ORIGINAL = [
  '本店选址在老旧小区改造后的底商，主营现烤低糖全麦面包和杂粮馒头，兼做社区老人早餐配送。' +
    '创始人有八年西点房后厨经验，熟悉发酵工艺和成本核算。',
  '小区及周边三个街道常住老人约四千二百人，调查问卷回收三百一十份，其中六成老人表示愿意按周订购低糖主食。' +
    '附近两家连锁面包店以甜品为主，没有针对控糖人群的产品，也不提供上门配送。',
  '前三个月与两家养老驿站合作试点，每周三次送餐上门；凭社区卡办理月卡，月卡用户每天可领一份豆浆。' +
    '每月举办一次亲子烘焙课堂，收取材料费，用来带动年轻家庭到店消费。',
  '店长一名由创始人兼任，面点师两名，配送员一名使用电动三轮车，周末招聘两名兼职学生负责课堂助教。',
  '烤箱、醒发箱和冷藏柜等设备投入约六万三千元，装修两万元，首批原料八千元。' +
    '按日均售出二百个面包、客单价十五元测算，第七个月起可以覆盖房租和人工。',
  '面粉和黄油价格波动是最大的成本风险，我们与郊区一家面粉厂签订了半年锁价协议；' +
    '如果配送订单不足，就把配送员调整为店内销售，保证人工成本不超过营业额的三成。',
];

// The copy: same wording, a few words and figures changed, one sentence added, one dropped.
const COPY = [
  '本店选址在老旧小区改造后的底商，主营现烤无糖全麦面包和杂粮馒头，兼做社区老人早餐配送。' +
    '创始人有六年西点房后厨经验，熟悉发酵工艺和成本核算。',
  '小区及周边三个街道常住老人约四千二百人，调查问卷回收三百一十份，其中六成老人表示愿意按周订购低糖主食。' +
    '附近两家连锁面包店以甜品为主，没有针对控糖人群的产品，也不提供上门配送。',
  '前三个月与两家养老驿站合作试点，每周三次送餐上门；凭社区卡办理月卡，月卡用户每天可领一份豆浆。' +
    '另外在小区微信群接受预订，当天下午取货。',
  '店长一名由创始人兼任，面点师两名，配送员一名使用电动三轮车，周末招聘两名兼职学生负责课堂助教。',
  '烤箱、醒发箱和冷藏柜等设备投入约六万三千元，装修两万元，首批原料八千元。' +
    '按日均售出一百八十个面包、客单价十五元测算，第七个月起可以覆盖房租和人工。',
  '面粉和黄油价格波动是最大的成本风险，我们与郊区一家面粉厂签订了半年锁价协议；' +
    '如果配送订单不足，就把配送员调整为店内销售，保证人工成本不超过营业额的三成。',
];

// Two honest plans written to the same template: only the headings are shared.
const TEMPLATE_A = [
  '工作室为周边写字楼的小微企业提供短视频拍摄与剪辑，也承接门店开业活动的现场直播。',
  '海淀西北部的餐馆、健身房和培训机构多数没有专职宣传人员，走访的四十家商户中有二十六家愿意试用包月服务。',
  '先用三条免费样片打开局面，再推出每月二十条的基础套餐，老客户介绍新客户减免一个月费用。',
  '合伙人两名分别负责拍摄和剪辑，旺季临时聘请一名灯光助理，按天结算。',
  '相机、镜头、稳定器和灯光共计四万五千元，办公场地租用孵化器工位，每月一千二百元。',
  '客户流失是主要风险，每季度回访一次，把播放数据整理成报告交给客户，用效果留住客户。',
];

const TEMPLATE_B = [
  '本人计划开办一家家政保洁服务队，承接居民日常保洁、开荒保洁和家电清洗，兼做钟点工介绍。',
  '朝阳区东部新建住宅交付量大，物业登记的装修户每月超过三百户，开荒保洁需求稳定，价格透明的正规队伍不多。',
  '与三家物业公司签订合作协议，在业主交房时发放服务卡；线上在生活服务平台开店，好评返现。',
  '队长由本人担任，首批招收六名持证保洁员，统一服装和工具，上岗前进行两天安全培训。',
  '清洗设备、耗材和一辆二手面包车合计七万元，其中四万元申请创业担保贷款，预计第十个月收回投入。',
  '人员流动和上门作业的安全是两大风险，为每名保洁员购买意外险，每单作业前后拍照留档。',
];

const sections = (paragraphs: readonly string[]): PlanSection[] =>
  HEADINGS.map((heading, i) => ({ heading, paragraphs: [paragraphs[i] ?? ''] }));

export interface SimilaritySeeds {
  copy: { original: string; copy: string };
  template: [string, string];
}

/** Rewrites four plans' text in place and returns which submissions carry the seeded cases. */
export function seedSimilarityCases(
  ctx: Ctx,
  submissions: readonly Submission[],
  assignments: readonly Assignment[],
): SimilaritySeeds {
  const forDemoExpert = new Set(
    assignments.filter((a) => a.expertId === 'exp-03').map((a) => a.submissionId),
  );
  const pick = (classId: string, skip: number): Submission => {
    const found = submissions.filter(
      (s) => s.classId === classId && s.kind === 'business-plan' && forDemoExpert.has(s.id),
    );
    // From the end of the class: the first items of a queue stay as the generator made them.
    const s = found[found.length - 1 - skip];
    if (!s) throw new Error(`演示数据：${classId} 中没有足够的分配给 exp-03 的创业计划书`);
    return s;
  };
  const original = pick('C-2025-HD-B02', 0);
  const copy = pick('C-2025-CY-B03', 0);
  const templateA = pick('C-2025-HD-B02', 1);
  const templateB = pick('C-2025-CY-B03', 1);
  const rewrite = (s: Submission, paragraphs: readonly string[], note: string) => {
    const file = ctx.files.find((f) => f.id === s.fileId);
    if (!file || file.content.type !== 'pdf') throw new Error(`演示数据：${s.id} 没有 PDF`);
    file.content.doc.sections = sections(paragraphs);
    ctx.notes[s.id] = note;
  };
  rewrite(original, ORIGINAL, `相似度预检：被 ${copy.id} 抄袭的原稿`);
  rewrite(copy, COPY, `相似度预检：抄袭 ${original.id}，只改了少量字词（应被列出）`);
  rewrite(templateA, TEMPLATE_A, `相似度预检：与 ${templateB.id} 只共用模板标题（不应列出）`);
  rewrite(templateB, TEMPLATE_B, `相似度预检：与 ${templateA.id} 只共用模板标题（不应列出）`);
  return { copy: { original: original.id, copy: copy.id }, template: [templateA.id, templateB.id] };
}
