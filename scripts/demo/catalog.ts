// Fixed demo cast: organizers, lecturers, experts, panels and rubrics. Invented names and
// institutions; nothing here refers to a real person or a real training school's filings.
import type { Expert, Lecturer, Organizer, Panel, Rubric } from '../../src-shared/records/records';

export const ORGANIZERS: Organizer[] = [
  {
    id: 'org-hd-qiming',
    name: '北京启明创业职业技能培训学校',
    district: '海淀区',
    creditCode: '52110108MJ0000001X',
  },
  {
    id: 'org-hd-qingchuang',
    name: '北京中关村青创职业技能培训学校',
    district: '海淀区',
    creditCode: '52110108MJ0000002R',
  },
  {
    id: 'org-cy-wangjing',
    name: '北京望京众创职业技能培训学校',
    district: '朝阳区',
    creditCode: '52110105MJ0000003K',
  },
  {
    id: 'org-cy-dianshang',
    name: '北京朝阳电商创业培训中心',
    district: '朝阳区',
    creditCode: '52110105MJ0000004D',
  },
];

const cert = (type: Lecturer['certificates'][number]['type'], n: string) => ({ type, number: n });

export const LECTURERS: Lecturer[] = [
  {
    id: 'lec-001',
    name: '赵文静',
    certificates: [cert('beijing-startup-teacher', '京创师2019-0312')],
    fullTime: false,
  },
  {
    id: 'lec-002',
    name: '孙立新',
    certificates: [cert('startup-lecturer-training', 'CYJS-2020-1187')],
    fullTime: false,
  },
  {
    id: 'lec-003',
    name: '钱海燕',
    certificates: [
      cert('beijing-startup-teacher', '京创师2017-0045'),
      cert('startup-lecturer-training', 'CYJS-2018-0421'),
    ],
    fullTime: false,
  },
  {
    id: 'lec-004',
    name: '周建国',
    certificates: [cert('beijing-startup-teacher', '京创师2021-0560')],
    fullTime: false,
  },
  {
    id: 'lec-005',
    name: '吴晓雯',
    certificates: [cert('startup-lecturer-training', 'CYJS-2022-0933')],
    fullTime: false,
  },
  {
    id: 'lec-006',
    name: '郑凯',
    certificates: [cert('beijing-startup-teacher', '京创师2020-0277')],
    fullTime: false,
  },
  {
    id: 'lec-007',
    name: '冯雅琪',
    certificates: [cert('online-startup-lecturer', 'WLCY-2021-0158')],
    fullTime: false,
  },
  {
    id: 'lec-008',
    name: '陈浩然',
    certificates: [cert('online-startup-lecturer', 'WLCY-2022-0306')],
    fullTime: false,
  },
  {
    id: 'lec-009',
    name: '褚佳怡',
    certificates: [cert('online-startup-lecturer', 'WLCY-2023-0412')],
    fullTime: false,
  },
  {
    id: 'lec-010',
    name: '卫明远',
    certificates: [cert('beijing-startup-teacher', '京创师2016-0088')],
    fullTime: true,
  },
  {
    id: 'lec-011',
    name: '蒋思齐',
    certificates: [cert('startup-lecturer-training', 'CYJS-2019-0650')],
    fullTime: true,
  },
  { id: 'lec-012', name: '沈一鸣', certificates: [], fullTime: true },
];

export const EXPERTS: Expert[] = [
  { id: 'exp-01', name: '韩秀英', organization: '北京工商大学商学院' },
  { id: 'exp-02', name: '杨振华', organization: '海淀区创业指导专家团' },
  { id: 'exp-03', name: '朱丽萍', organization: '北京某会计师事务所' },
  { id: 'exp-04', name: '秦志远', organization: '中关村创业投资协会' },
  { id: 'exp-05', name: '许蔓', organization: '朝阳区电子商务协会' },
  { id: 'exp-06', name: '何俊杰', organization: '北京财贸职业学院' },
];

export const PANELS: Panel[] = [
  {
    id: 'panel-plan',
    name: '创业计划书评审组',
    chairId: 'exp-01',
    expertIds: ['exp-01', 'exp-02', 'exp-03', 'exp-04'],
  },
  {
    id: 'panel-online',
    name: '网络创业成果评审组',
    chairId: 'exp-05',
    expertIds: ['exp-05', 'exp-06', 'exp-03'],
  },
];

const planCriteria = [
  {
    id: 'c-idea',
    label: '项目创意与可行性',
    maxScore: 20,
    guidance: '项目是否切实可行、有明确的客户需求',
  },
  {
    id: 'c-market',
    label: '市场分析',
    maxScore: 20,
    guidance: '目标客户、竞争对手、市场规模分析是否充分',
  },
  { id: 'c-marketing', label: '营销计划', maxScore: 15 },
  { id: 'c-org', label: '组织结构与人员', maxScore: 10 },
  {
    id: 'c-finance',
    label: '财务预测与启动资金',
    maxScore: 25,
    guidance: '成本、利润、现金流测算是否合理',
    // Under 15 of 25 the expert says which figure does not hold.
    commentBelow: 0.6,
  },
  { id: 'c-risk', label: '风险分析与应对', maxScore: 10 },
];

/** Checks that fail an outcome whatever its points (抄袭, 代写, 材料不全); every rubric has them. */
const HARD_FAILS = [
  { id: 'hf-plagiarism', label: '抄袭', guidance: '与他人材料大段雷同' },
  { id: 'hf-ghostwritten', label: '代写', guidance: '非学员本人完成' },
  { id: 'hf-incomplete', label: '材料不全', guidance: '缺少规定的章节或附件' },
];

export const RUBRICS: Rubric[] = [
  {
    id: 'rub-basic-plan',
    program: 'basic',
    submissionKind: 'business-plan',
    title: '创业计划书评审标准（创业基础培训）',
    passScore: 60,
    criteria: planCriteria,
    hardFails: HARD_FAILS,
  },
  {
    id: 'rub-online-portfolio',
    program: 'online',
    submissionKind: 'online-portfolio',
    title: '网络创业实践成果评审标准',
    passScore: 60,
    criteria: [
      { id: 'c-shop', label: '网店或直播间搭建完整度', maxScore: 30 },
      { id: 'c-content', label: '商品与内容运营', maxScore: 30 },
      {
        id: 'c-sales',
        label: '实践销售数据',
        maxScore: 25,
        guidance: '以平台导出的销售数据为准',
        commentBelow: 0.6,
      },
      { id: 'c-service', label: '客户服务与评价', maxScore: 15 },
    ],
    hardFails: HARD_FAILS,
  },
  {
    id: 'rub-online-plan',
    program: 'online',
    submissionKind: 'online-plan',
    title: '网络创业规划书评审标准',
    passScore: 60,
    criteria: [
      { id: 'c-position', label: '定位与目标客户', maxScore: 25 },
      { id: 'c-channel', label: '平台与渠道选择', maxScore: 20 },
      { id: 'c-ops', label: '运营与推广计划', maxScore: 30 },
      { id: 'c-finance', label: '成本收益测算', maxScore: 25, commentBelow: 0.6 },
    ],
    hardFails: HARD_FAILS,
  },
  ...(['elite-launch', 'elite-practice'] as const).flatMap((program): Rubric[] => [
    {
      id: `rub-${program}-commercial`,
      program,
      submissionKind: 'commercial-plan',
      title: `商业计划书评审标准（${program === 'elite-launch' ? '菁英启航' : '菁英实战'}训练营）`,
      passScore: 70,
      criteria: [
        { id: 'c-pain', label: '痛点与解决方案', maxScore: 20 },
        { id: 'c-model', label: '商业模式', maxScore: 25 },
        { id: 'c-team', label: '团队', maxScore: 15 },
        { id: 'c-growth', label: '增长与融资计划', maxScore: 20 },
        { id: 'c-finance', label: '财务预测', maxScore: 20, commentBelow: 0.6 },
      ],
      hardFails: HARD_FAILS,
    },
    {
      id: `rub-${program}-strategy`,
      program,
      submissionKind: 'strategy-plan',
      title: `专题战略规划评审标准（${program === 'elite-launch' ? '菁英启航' : '菁英实战'}训练营）`,
      passScore: 70,
      criteria: [
        { id: 'c-diagnosis', label: '现状诊断', maxScore: 30 },
        { id: 'c-strategy', label: '战略目标与路径', maxScore: 40 },
        { id: 'c-execution', label: '执行计划与保障', maxScore: 30 },
      ],
      hardFails: HARD_FAILS,
    },
  ]),
];

export const SCHOOLS = {
  beijingUniversity: [
    '北京工商大学',
    '北京联合大学',
    '北京信息科技大学',
    '首都经济贸易大学',
    '北京农学院',
    '北方工业大学',
    '北京物资学院',
  ],
  beijingVocational: [
    '北京电子科技职业学院',
    '北京财贸职业学院',
    '北京劳动保障职业学院',
    '北京信息职业技术学院',
  ],
  outOfTown: ['河北大学', '山东师范大学', '郑州大学', '湖南农业大学', '东北财经大学'],
};

/** Project ideas with the kind of shop/firm a trainee would run; [project, industry noun]. */
export const PROJECTS: Array<[string, string]> = [
  ['社区咖啡馆', '餐饮'],
  ['宠物美容工作室', '生活服务'],
  ['老年助餐服务站', '社区服务'],
  ['家政保洁服务', '家政'],
  ['少儿编程培训', '教育培训'],
  ['健身私教工作室', '体育健身'],
  ['京郊精品民宿', '住宿'],
  ['社区生鲜便利店', '零售'],
  ['汽车美容养护', '汽车服务'],
  ['烘焙甜品工作室', '餐饮'],
  ['手机维修与回收', '维修服务'],
  ['儿童摄影工作室', '摄影'],
  ['新式茶饮店', '餐饮'],
  ['校园二手书交易', '零售'],
  ['社区洗衣服务', '生活服务'],
  ['非遗手工艺体验', '文化创意'],
  ['花艺与绿植租摆', '零售'],
  ['小型装修设计', '设计服务'],
];

export const ONLINE_PROJECTS: Array<[string, string]> = [
  ['平谷大桃网店', '农产品'],
  ['京味糕点直播间', '食品'],
  ['手工皮具网店', '手工艺'],
  ['原创文创设计网店', '文创'],
  ['密云蜂蜜直播带货', '农产品'],
  ['宠物用品网店', '宠物用品'],
  ['中式服装定制网店', '服装'],
  ['家居收纳用品网店', '家居'],
  ['二手图书网店', '图书'],
  ['茶叶直播间', '茶叶'],
];

export const ELITE_PROJECTS: Array<[string, string]> = [
  ['智慧社区养老平台', '养老科技'],
  ['工业视觉质检系统', '人工智能'],
  ['校园心理健康服务', '健康服务'],
  ['冷链物流调度软件', '物流科技'],
  ['低碳建材研发', '新材料'],
  ['非遗文创品牌', '文化创意'],
  ['宠物医疗连锁', '宠物医疗'],
  ['跨境电商代运营', '电子商务'],
  ['青少年科创教育', '教育科技'],
  ['预制菜中央厨房', '食品加工'],
];
