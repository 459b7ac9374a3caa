// 合规检查 and the quarter subsidy sheet: every word the screen shows.
import type { TraineeStatus } from '../../../src-shared/policy/engine';
import type { FindingStatus, OutcomeSource, Severity } from '../../../src-shared/policy/findings';

const severityLabels: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

const statusLabels: Record<FindingStatus, string> = {
  fail: '不符',
  pending: '待核查',
  pass: '通过',
  'not-applicable': '不适用',
};

const traineeStatusLabels: Record<TraineeStatus, string> = {
  eligible: '可申领',
  pending: '待核查',
  ineligible: '不可申领',
  'not-applicable': '不适用',
};

export const complianceStrings = {
  severityLabels,
  statusLabels,
  traineeStatusLabels,
  tabs: { findings: '检查结果', sheet: '季度补贴申领表' },
  loading: '正在按政策逐条检查…',
  noPackage: '尚未导入工作包，没有可检查的培训班。',
  noClasses: '当前工作包中没有培训班。',
  failed: '检查未能完成',
  asOf: '评估日期',
  dateFormat: '日期格式不对，请按“年-月-日”填写，例如 2025-07-01',
  datePlaceholder: '例如 2025-07-01',
  asOfHint: '以该日（北京时间）判断是否已开班、是否满 6 个月等',
  pkg: '工作包',
  inputsNote:
    '视频抽查、成果评审等核查结果尚未接入本页，相关项目一律显示为“待核查”，不会当作通过。',
  ruleFilter: '按规则筛选',
  ruleFilterPlaceholder: '全部规则',
  clearRuleFilter: '清除规则筛选',
  noRuleMatch: '没有匹配的规则',
  // The rule's name first; its id last, for support and for searching the list by id.
  ruleOption: (title: string, id: string, issues: number) =>
    issues > 0 ? `${title}（${issues} 项问题）· ${id}` : `${title} · ${id}`,
  classList: '培训班',
  classListHint: '↑↓ 选择，Enter 打开',
  planReview: '开班前计划审核',
  planReviewHint: (start: string) => `开班日 ${start} 晚于评估日期，按开班前计划审核显示。`,
  dates: (from: string, to: string) => `${from} 至 ${to}`,
  packLine: (packName: string) => `适用政策：${packName}`,
  outsidePack: '不适用：开班日无有效政策包，不可申领',
  outsidePackBody: (needed: string, packName: string) =>
    `${needed}。下面按最近的政策 ${packName} 预览，结果标为“参考”，不计入任何补贴申领表。`,
  referenceBadge: '参考',
  referenceYuan: (yuan: string) => `参考 ${yuan}`,
  outcomeSource: {
    platform: '平台记录',
    panel: '本地评审组决定',
    input: '核查录入',
  } as Record<OutcomeSource, string>,
  outcomeSourceTitle: '成果结论来源',
  outcomeConflict: '成果结论冲突',
  outcomeConflictTitle: '平台已分派证书编号（即成果合格），本地结论为不合格，须核实后处理',
  hours: (filed: string, recorded: string, live: string, offline: string) =>
    `课时 ${filed}（录播 ${recorded} / 直播 ${live} / 线下 ${offline}）`,
  findingsTitle: '检查结果',
  noFindings: '没有检查结果。',
  noFindingsForRule: '该班没有此规则的检查结果。',
  traineeScope: (n: number) => `${n} 名学员`,
  classScope: '全班',
  clause: '条款',
  quoteTitle: (clause: string) => `政策原文（${clause}）`,
  ruleIdLabel: (id: string) => `规则编号 ${id}`,
  facts: '依据',
  traineesTitle: '学员资格与补贴',
  noTrainees: '该班没有学员。',
  noTraineesForRule: '没有学员受此规则影响。',
  col: {
    trainee: '学员',
    status: '资格',
    training: '培训补贴',
    practice: '实践指导补贴',
    potential: '待核查通过后',
    blockedBy: '原因',
    organizer: '培训组织方',
    classes: '班级数',
    trainees: '学员',
    eligible: '可申领',
    pending: '待核查',
    ineligible: '不可申领',
    notApplicable: '不适用',
    claimable: '可申领金额',
    errors: '错误',
    warnings: '警告',
  },
  classBlocked: (ids: string) => `班级问题：${ids}`,
  classBlockedShort: '班级问题',
  classBlockedAll: (ids: string) => `班级存在错误（${ids}），全班学员的补贴暂不能申领。`,
  page: (from: number, to: number, total: number) => `第 ${from}–${to} 条，共 ${total} 条`,
  classTotals: '本班合计',
  organizerTotals: '按培训组织方合计',
  packageTotals: '工作包合计',
  sheet: {
    quarter: '季度',
    district: '区',
    allDistricts: '全部',
    requestDate: '计划报送日期（可选）',
    deadline: (d: string) => `报送截止：${d}（每季度末月 20 日前）`,
    deadlineTooltip: '依据 R-FUND-DEADLINE',
    claimable: (n: number) => `可申领 ${n} 人次`,
    unclaimable: (n: number) => `暂不申领 ${n} 人次`,
    claimableTitle: '可申领',
    unclaimableTitle: '暂不申领及原因',
    noClaimable: '本季度没有可申领的补贴。',
    noUnclaimable: '本季度没有暂不申领的学员。',
    noRows: '本季度没有结业的培训班，也没有满 6 个月的实践指导补贴。',
    notApplicableTitle: '不适用（开班日无有效政策包，不列入申领）',
    notApplicableLine: (name: string, needed: string) => `${name}：${needed}`,
    totalYuan: (s: string) => `合计 ${s}`,
    kind: { training: '培训补贴', practice: '创业实践指导补贴' },
    col: {
      organizer: '培训组织方',
      cls: '班级',
      trainee: '学员',
      kind: '补贴类别',
      amount: '金额',
      reasons: '原因',
    },
    export: '导出 XLSX',
    exporting: '正在导出…',
    flagged: (rows: { traineeId: string; traineeName: string; unclaimableRow: number }[]) =>
      `有 ${rows.length} 行的姓名含不可见字符，已列入“不可申领”表（暂不申领）并标黄，请与平台名单核对：${rows
        .map((r) => `第 ${r.unclaimableRow} 行 ${r.traineeName}`)
        .join('；')}。`,
    saved: (path: string, claimable: number, unclaimable: number) =>
      `已导出 ${path}（可申领 ${claimable} 人次，暂不申领 ${unclaimable} 人次）`,
    cancelled: '已取消导出。',
    exportFailed: '导出失败',
    noApi: '未检测到主进程接口，无法导出。',
  },
};
