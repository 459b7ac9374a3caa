// zh-CN strings of the audit log: the start-up check and the settings view.
import type { ChainBreakReason } from '../../../src-shared/auditlog';

export const auditLogStrings = {
  reasons: {
    malformed: '记录格式不正确',
    'seq-gap': '序号不连续，有记录被删除',
    'prev-mismatch': '与前一条记录的链接不符，前面的记录可能被改动或删除',
    'hash-mismatch': '记录内容与其哈希不符，已被改动',
  } satisfies Record<ChainBreakReason, string>,
  brokenTitle: '审计日志校验未通过',
  broken: (seq: number, reason: string) =>
    `审计日志链在第 ${seq} 条断裂：${reason}。请联系区级管理员；本工作站不会自动修复。`,
  checkFailed: (message: string) => `无法校验审计日志：${message}。请联系区级管理员。`,
  view: {
    title: '审计日志',
    intro:
      '本用户的每次提交、修改和同步都记入其审计日志（只在本用户的数据中，别的用户看不到），每条记录以哈希链接前一条，任何改动都会被发现。',
    status: '链校验',
    ok: (n: number) => `完整（共 ${n} 条）`,
    empty: '尚无记录',
    broken: (seq: number) => `在第 ${seq} 条断裂`,
    checking: '校验中…',
    recheck: '重新校验',
    recent: '最近 50 条',
    seq: '序号',
    at: '时间',
    actor: '操作人',
    action: '操作',
    entity: '对象',
    hash: '哈希',
  },
  names: {
    bundle: (counter: number) => `结果包 第 ${counter} 号`,
    receipt: (counter: number) => `结果包 第 ${counter} 号的平台回执`,
    workPackage: (title: string, version: number) => `工作包“${title}”第 ${version} 版`,
    unknown: (entity: string) => `${entity}（本机已无该记录）`,
  },
  actions: {
    create: '创建',
    change: '修改',
    submit: '提交',
    decide: '决定',
    print: '打印',
    reprint: '补打',
    'sync-send': '发送',
    'sync-ack': '平台确认',
    import: '导入',
  },
  entities: {
    review: '评审意见',
    'panel-decision': '会审决定',
    finding: '检查发现',
    'sampling-plan': '抽查方案',
    'compliance-verdict': '合规结论',
    'print-log': '打印记录',
    'audit-verdict': '抽查结论',
    bundle: '结果包',
    receipt: '回执',
    'work-package': '工作包',
  },
};
