// 京人社能发〔2023〕25号 as a policy pack. Quotes are the notice's own words; parameters are read
// from them. Where a bound word is used (不超过 / 不低于 / 满 / 以内), the bound itself is
// included, as 民法典 第一千二百五十九条 reads 以上、以下、以内、届满.
import type { PolicyPack } from './pack';
import type { RuleId } from './ruleIds';

const EXIT_QUOTE = '培训组织方存在下列情形之一的，采取退出处理';
const exitGrounds = [
  '培训组织方申报材料存在虚假情况。',
  '被认定为培训组织方后一年内未能正常组织培训工作。',
  '出租、出借办学资质或补贴培训资质，将培训任务委托、承包给其他组织或个人。',
  '培训质量低劣或未实质性开展培训，套取骗取财政资金。',
  '随意缩减培训课时、调整培训内容，影响教学质量。',
  '向学员乱收培训费。',
  '擅自在开班申请备案的培训地点外开展补贴培训。',
  '不接受人力资源社会保障部门监督、检查和管理。',
  '实际办学条件发生变化，经评估不符合培训要求。',
  '经查实存在违反法律法规或相关政策规定的其他行为。',
];

/** Each rule's name as a clerk would say it: shown first, the rule id small beside it. */
const titles: Record<RuleId, string> = {
  'R-PACK-PERIOD': '政策执行期限',
  'R-CLASS-SIZE': '培训班规模',
  'R-HOURS-MIN': '培训总课时',
  'R-RECORDED-MAX': '录播课时占比',
  'R-OUTCOME-HOURS': '成果评审课时',
  'R-LECTURERS': '授课讲师条件',
  'R-TEXTBOOK': '培训教材',
  'R-PLAN-APPROVED': '开班前计划审核',
  'R-VENUE': '备案培训地点',
  'R-TARGET-GROUP': '培训对象',
  'R-ELITE-ELIGIBLE': '菁英训练营参训条件',
  'R-ONE-PER-YEAR': '每年限享一次补贴',
  'R-NO-REPEAT': '不得重复参加同一项目',
  'R-CERT-PASSED': '合格证书条件',
  'R-CERT-NUMBER': '证书编号由平台分派',
  'R-SUBSIDY-BASIC': '创业基础培训补贴',
  'R-SUBSIDY-ONLINE': '网络创业培训补贴',
  'R-SUBSIDY-ELITE': '菁英训练营补贴',
  'R-SUBSIDY-PRACTICE': '创业实践指导补贴',
  'R-FUND-DEADLINE': '用款申请截止日',
  'R-LIVE-SAMPLE': '直播视频抽查比例',
  'R-LIVE-SCREEN': '直播回放留存与筛查',
  'R-RECORDED-CHECK': '录播课程抽查',
  'R-OFFLINE-SIGNIN': '线下课人脸与位置签到',
  'R-OFFLINE-CLIP': '线下课现场视频',
  'R-OFFLINE-FULL': '线下课全程录像',
  'R-VIDEO-RETAIN': '视频保存期限',
  'R-VIDEO-480P': '直播画面清晰度',
  'R-EXIT-1': '退出情形：申报材料虚假',
  'R-EXIT-2': '退出情形：认定后一年未组织培训',
  'R-EXIT-3': '退出情形：出租出借资质或转包',
  'R-EXIT-4': '退出情形：培训质量低劣、套取资金',
  'R-EXIT-5': '退出情形：随意缩减课时或调整内容',
  'R-EXIT-6': '退出情形：向学员乱收费',
  'R-EXIT-7': '退出情形：在备案地点外培训',
  'R-EXIT-8': '退出情形：不接受监督检查',
  'R-EXIT-9': '退出情形：办学条件不再符合',
  'R-EXIT-10': '退出情形：其他违法违规行为',
  'R-PKG-45MIN': '课程包播放时长',
  'R-PKG-PARTS': '课程包组成',
  'R-PKG-COPYRIGHT': '课程包版权证明',
  'R-PKG-CONTENT': '课程包内容合规',
  'R-PKG-AV': '课程包音视频质量',
};

const exitRules = Object.fromEntries(
  exitGrounds.map((g, i) => [
    `R-EXIT-${i + 1}`,
    { clause: `附件1–3 二（四）${i + 1}`, quote: `${EXIT_QUOTE}：${i + 1}. ${g}` },
  ]),
);

const perAttachment = (
  suffixes: { basic: string; online: string; elite: string },
  quote: { basic: string; online: string; elite: string },
) => ({
  clause: `附件1 ${suffixes.basic}`,
  quote: quote.basic,
  byProgram: {
    basic: { clause: `附件1 ${suffixes.basic}`, quote: quote.basic },
    online: { clause: `附件2 ${suffixes.online}`, quote: quote.online },
    'elite-launch': { clause: `附件3 ${suffixes.elite}`, quote: quote.elite },
    'elite-practice': { clause: `附件3 ${suffixes.elite}`, quote: quote.elite },
  },
});

const sizeQuote = '每期培训班规模不得超过 40 人。';
const planQuote =
  '培训组织方在组织培训前，需通过管理平台向区人力资源社会保障局申报培训方案，按标准制式表单提交培训计划和参训学员名单，经区人力资源社会保障局审核通过且由市就业促进中心确认后，可按照培训方案开班。';
const outcomeQuote = '评审合格的按 4 课时记入总课时。';
const certQuote =
  '管理平台分派培训合格证书编号，区人力资源社会保障局按照统一证书样式印制并组织发放培训合格证书。';
const subsidyQuote =
  '创业基础培训补贴标准为 1500 元/人次，网络创业培训补贴标准为 2000 元/人次，创业菁英训练营补贴标准为 1500—2500 元/人次（40 课时补贴 1500 元，60 课时补贴 2000 元，80 课时补贴 2500 元）。';

/** Puts each rule's title into its entry, so all of a rule's words sit in one entry of the pack. */
function withTitles(rules: PolicyPack['rules']): PolicyPack['rules'] {
  return Object.fromEntries(
    Object.entries(rules).map(([id, r]) => [id, { ...r, title: titles[id as RuleId] }]),
  );
}

export const JRSNF_2023_25: PolicyPack = {
  id: 'jrsnf-2023-25',
  title: '关于实施创业启航培训有关工作的通知',
  issuingDocument: {
    number: '京人社能发〔2023〕25号',
    title: '北京市人力资源和社会保障局 北京市财政局关于实施创业启航培训有关工作的通知',
    issuers: ['北京市人力资源和社会保障局', '北京市财政局'],
    issuedOn: '2023-09-12',
  },
  effective: { from: '2023-09-12', to: '2025-12-31' },
  minutesPerHour: 45,
  programs: {
    basic: {
      name: '创业基础培训',
      certificateName: '北京市创业基础培训合格证书',
      classSizeMax: 40,
      minHours: 56,
      recordedMaxRatio: 0.5,
      outcomeHours: 4,
      lecturersMin: 2,
      lecturerCertificates: ['beijing-startup-teacher', 'startup-lecturer-training'],
      lecturerMustBeFullTime: false,
      textbooks: [
        'SYB创业培训教材',
        '创业培训一体化教程',
        '大学生创业培训教程',
        '创业培训实战基础教程',
      ],
      targetGroups: ['graduate', 'registered-unemployed', 'rural-migrant', 'veteran'],
      outcomeKinds: [['business-plan']],
      subsidyYuan: 1500,
      practiceFollows: true,
    },
    online: {
      name: '网络创业培训',
      certificateName: '北京市网络创业培训合格证书',
      classSizeMax: 40,
      minHours: 56,
      recordedMaxRatio: 0.5,
      outcomeHours: 4,
      lecturersMin: 2,
      lecturerCertificates: ['online-startup-lecturer'],
      lecturerMustBeFullTime: false,
      textbooks: ['网络创业培训教程（电商版）', '网络创业培训教程（直播版）'],
      targetGroups: ['graduate', 'registered-unemployed', 'rural-migrant', 'veteran'],
      outcomeKinds: [['online-portfolio'], ['online-plan']],
      subsidyYuan: 2000,
      practiceFollows: true,
    },
    'elite-launch': {
      name: '创业菁英训练营·菁英启航训练营',
      certificateName: '北京市创业菁英训练营合格证书',
      classSizeMax: 40,
      minHours: 40,
      recordedMaxRatio: 0.5,
      outcomeHours: 4,
      lecturersMin: 2,
      lecturerCertificates: [],
      lecturerMustBeFullTime: true,
      textbooks: null,
      targetGroups: null,
      outcomeKinds: [['commercial-plan', 'strategy-plan']],
      subsidyTiers: [
        { minHours: 40, yuan: 1500 },
        { minHours: 60, yuan: 2000 },
        { minHours: 80, yuan: 2500 },
      ],
      practiceFollows: false,
    },
    'elite-practice': {
      name: '创业菁英训练营·菁英实战训练营',
      certificateName: '北京市创业菁英训练营合格证书',
      classSizeMax: 40,
      minHours: 40,
      recordedMaxRatio: 0.5,
      outcomeHours: 4,
      lecturersMin: 2,
      lecturerCertificates: [],
      lecturerMustBeFullTime: true,
      textbooks: null,
      targetGroups: null,
      outcomeKinds: [['commercial-plan', 'strategy-plan']],
      subsidyTiers: [
        { minHours: 40, yuan: 1500 },
        { minHours: 60, yuan: 2000 },
        { minHours: 80, yuan: 2500 },
      ],
      practiceFollows: false,
    },
  },
  graduate: {
    academicYearStartMonthDay: '09-01',
    yearsAfterLeaving: 2,
    acceptBeijingOriginElsewhere: true,
  },
  elite: {
    practiceWindowMonths: 12,
    awardLevels: ['national', 'city'],
    launchPrerequisitePrograms: ['basic', 'online'],
  },
  practice: { yuan: 1000, licenceMonths: 6, shopMonths: 6, minAverageMonthlySalesYuan: 3000 },
  fund: { deadlineDayOfQuarterLastMonth: 20 },
  supervision: {
    liveSampleMinRatio: 0.1,
    clipSecondsPerOfflineHour: 10,
    videoRetentionYears: 3,
    liveMinVideoHeight: 480,
  },
  coursePackage: { minMinutes: 45 },
  exitGrounds,
  rules: withTitles({
    'R-PACK-PERIOD': {
      clause: '通知 六（一）',
      quote: '本通知自印发之日起执行，执行期限至 2025 年 12 月 31 日。',
    },
    'R-CLASS-SIZE': perAttachment(
      { basic: '三（二）', online: '三（二）', elite: '三（二）' },
      {
        basic: sizeQuote,
        online: sizeQuote,
        elite: '每期培训班规模不得超过 40 人，可与组织方市场培训学员混班。',
      },
    ),
    'R-HOURS-MIN': perAttachment(
      { basic: '三（三）', online: '三（三）', elite: '三（三）' },
      {
        basic: '创业基础培训项目培训总时长应不少于 56 课时（每 45 分钟记为 1 课时）。',
        online: '网络创业培训项目培训总时长应不少于 56 课时。',
        elite: '创业菁英训练营项目培训总时长应不少于 40 课时。',
      },
    ),
    'R-RECORDED-MAX': perAttachment(
      { basic: '三（三）', online: '三（三）', elite: '三（三）' },
      {
        basic: '其中自有课录播学习课时比例不高于 50%，其余课时可通过直播培训或线下培训开展。',
        online: '其中录播学习不高于 50%，其余课时可通过直播培训或线下培训开展。',
        elite: '其中录播学习不高于 50%，其余课时可通过直播培训或线下培训开展。',
      },
    ),
    'R-OUTCOME-HOURS': perAttachment(
      { basic: '三（七）', online: '三（七）', elite: '三（五）' },
      {
        basic: `指导学员独立完成《创业计划书》……由培训组织方组织专家在线评审……${outcomeQuote}`,
        online: `培训成果包含网络创业实践成果和《网络创业规划书》……${outcomeQuote}`,
        elite: `指导学员完成《商业计划书》或专题战略规划等其他成果……${outcomeQuote}`,
      },
    ),
    'R-LECTURERS': perAttachment(
      { basic: '三（五）', online: '三（五）', elite: '三（四）' },
      {
        basic:
          '每期创业基础培训班需至少有 2 名持有《北京市创业培训教师合格证书》或《创业培训讲师培训合格证书》的专职或兼职讲师承担直播教学或线下教学任务。',
        online:
          '每期网络创业培训班需至少有 2 名持有《网络创业培训讲师培训合格证书》的专职或兼职讲师承担直播教学或线下教学任务。',
        elite: '每期创业菁英训练营需至少有 2 名专职讲师承担直播教学或线下教学任务。',
      },
    ),
    'R-TEXTBOOK': {
      clause: '附件1 三（四）',
      quote:
        '创业基础培训应使用以下相关教材开展：《SYB 创业培训教材》《创业培训一体化教程》《大学生创业培训教程》《创业培训实战基础教程》等。',
      byProgram: {
        online: {
          clause: '附件2 三（四）',
          quote:
            '网络创业培训应使用以下相关教材开展：《网络创业培训教程（电商版）》《网络创业培训教程（直播版）》等。',
        },
      },
    },
    'R-PLAN-APPROVED': {
      clause: '通知 二；附件1 三（二）',
      quote: planQuote,
      byProgram: {
        online: { clause: '通知 二；附件2 三（二）', quote: planQuote },
        'elite-launch': { clause: '通知 二；附件3 三（二）', quote: planQuote },
        'elite-practice': { clause: '通知 二；附件3 三（二）', quote: planQuote },
      },
    },
    'R-VENUE': {
      clause: '附件1–3 二（四）7',
      quote: '擅自在开班申请备案的培训地点外开展补贴培训。',
    },
    'R-TARGET-GROUP': {
      clause: '通知 一（一）（二）',
      quote:
        '主要针对重点就业群体，包括院校毕业生，即北京地区普通高等学校、中等职业学校（含技工院校）毕业学年及离校两年内未就业毕业生（含京外院校的北京生源毕业生）、本市登记失业人员、农村转移就业劳动力和退役军人等。',
    },
    'R-ELITE-ELIGIBLE': {
      clause: '通知 一（三）；附件3 一',
      quote:
        '菁英启航训练营面向对象包括：参加过我市创业基础培训或网络创业培训且取得合格证书的学员，以及参加市级及以上创业大赛且获得奖项的创业者；菁英实战训练营面向对象包括：在本市注册 12 个月内的新创小微企业负责人和个体工商户经营者（包括法定代表人、股东），以及参加过菁英启航训练营且取得合格证书的学员。（以工商登记信息为准）',
    },
    'R-ONE-PER-YEAR': {
      clause: '通知 三',
      quote: '本通知确定的培训群体每人每年可享受 1 次补贴创业培训。',
    },
    'R-NO-REPEAT': { clause: '通知 三', quote: '同一创业培训项目不可重复参加。' },
    'R-CERT-PASSED': perAttachment(
      { basic: '三（八）', online: '三（八）', elite: '三（六）' },
      {
        basic: '《创业计划书》评审合格的学员可获得《北京市创业基础培训合格证书》。',
        online:
          '网络创业实践成果和《网络创业规划书》评审合格的学员可获得《北京市网络创业培训合格证书》。',
        elite: '《商业计划书》或专题战略规划评审合格的学员可获得《北京市创业菁英训练营合格证书》。',
      },
    ),
    'R-CERT-NUMBER': perAttachment(
      { basic: '三（八）', online: '三（八）', elite: '三（六）' },
      { basic: certQuote, online: certQuote, elite: certQuote },
    ),
    'R-SUBSIDY-BASIC': { clause: '通知 三（一）', quote: subsidyQuote },
    'R-SUBSIDY-ONLINE': { clause: '通知 三（一）', quote: subsidyQuote },
    'R-SUBSIDY-ELITE': { clause: '通知 三（一）', quote: subsidyQuote },
    'R-SUBSIDY-PRACTICE': {
      clause: '通知 三（一）（二）',
      quote:
        '对于完成创业基础培训或网络创业培训，开展创业培训后续服务且指导培训学员成功创业（取得营业执照满 6 个月，或开办网店满 6 个月且月平均销售收入不低于 3000 元）的，再给予培训组织方 1000 元/人次的创业实践指导服务补贴。申请创业实践指导服务补贴的，培训组织方须提交培训学员成功创业的营业执照或销售交易数据等证明材料。',
    },
    'R-FUND-DEADLINE': {
      clause: '通知 三（二）',
      quote: '区人力资源社会保障部门于每季度末月 20 日前向市人力资源社会保障局报送用款申请。',
    },
    'R-LIVE-SAMPLE': {
      clause: '通知 四（一）',
      quote:
        '区人力资源社会保障部门按照不低于直播培训课时 10% 的比例，对相应班级直播视频进行抽查。',
    },
    'R-LIVE-SCREEN': {
      clause: '通知 四（一）；附件4 第五条（二）',
      quote:
        '直播培训平台存储直播视频，并对直播培训内容进行敏感信息筛查、预警，管理平台做好培训监管过程记录。',
    },
    'R-RECORDED-CHECK': {
      clause: '通知 四（二）',
      quote:
        '自有课录播平台存储自有课录播视频，通过人脸识别、人机校验等方式对学员学习过程进行随机抽查，并定期将监管数据传输到管理平台。',
    },
    'R-OFFLINE-SIGNIN': {
      clause: '通知 四（三）',
      quote: '培训组织方开展线下培训，学员须进行人脸识别和位置签到。',
    },
    'R-OFFLINE-CLIP': {
      clause: '通知 四（三）',
      quote: '每完成 1 课时培训，培训组织方须上传 10 秒钟培训现场视频至教学平台。',
    },
    'R-OFFLINE-FULL': {
      clause: '通知 四（三）',
      quote: '同时应录制培训全程视频备查，保存期限不少于 3 年。',
    },
    'R-VIDEO-RETAIN': {
      clause: '附件4 第五条',
      quote: '培训组织方所上传的课程至少保存3年。……直播视频至少保存 3 年。',
    },
    'R-VIDEO-480P': {
      clause: '附件4 第五条（二）4',
      quote: '视频画面清晰（至少 480P）、语音流畅。',
    },
    ...exitRules,
    'R-PKG-45MIN': {
      clause: '附件5 二（二）',
      quote: '每个课程包课程资源播放时长应不小于 45 分钟，资源每播放 45 分钟计 1 学时。',
    },
    'R-PKG-PARTS': {
      clause: '附件5 一（二）、二（一）、三（一）',
      quote: '自有课程由课程介绍、课程目录及课程学习资源等构成，应与培训方案匹配。',
    },
    'R-PKG-COPYRIGHT': {
      clause: '附件5 三（二）2',
      quote:
        '课程资源需具备独立知识产权或版权方的授权使用证明，课程包提交时应提供课程资源的版权证明或合法版权申明。',
    },
    'R-PKG-CONTENT': {
      clause: '附件5 三（二）3',
      quote:
        '课程资源中不得含有违反国家法律法规等内容，不得存在政治性、思想性、科学性和规范性问题。',
    },
    'R-PKG-AV': {
      clause: '附件5 三（二）4',
      quote:
        '声音和画面应同步，无交流声或其他杂音等缺陷；伴音清晰、饱满、圆润……白平衡正确，无明显偏色，多机拍摄的镜头衔接处无明显色差。',
    },
  }),
};

export const BUILTIN_PACKS: readonly PolicyPack[] = [JRSNF_2023_25];

/**
 * The packs to judge a package by: the built-in ones plus those the (signed) package ships.
 * A shipped pack with a built-in id replaces it, so the platform can correct a pack without
 * a workstation release.
 */
export function packsWithShipped(shipped: readonly PolicyPack[] = []): PolicyPack[] {
  return [...BUILTIN_PACKS.filter((b) => !shipped.some((p) => p.id === b.id)), ...shipped];
}
