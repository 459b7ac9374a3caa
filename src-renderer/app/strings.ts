// The one zh-CN string catalog. Screens import from here so wording stays consistent and a
// reviewer of the language reads one file.
import type { Role, Screen } from '../../src-shared/profiles/roles';
import { complianceStrings } from './strings/compliance';
import { auditLogStrings } from './strings/auditLog';
import { panelStrings } from './strings/panel';
import { reviewStrings } from './strings/review';
import { syncStrings } from './strings/sync';
import { packageImportStrings } from './strings/packageImport';

export const appName = '启航评审工作站';

export const roleLabels: Record<Role, string> = {
  expert: '评审专家',
  chair: '评审组长',
  auditor: '区级审核员',
  printer: '证书打印员',
};

export const screenLabels: Record<Screen, string> = {
  review: '评审任务',
  panel: '组长会审',
  audit: '视频抽查',
  compliance: '合规检查',
  certificates: '证书打印',
  sync: '同步',
  settings: '设置',
};

export const programLabels = {
  basic: '创业基础培训',
  online: '网络创业培训',
  'elite-launch': '菁英启航训练营',
  'elite-practice': '菁英实战训练营',
} as const;

export const t = {
  compliance: complianceStrings,
  boot: {
    opening: '正在打开本地数据库…',
    loadingDemo: '首次使用：正在校验并载入演示工作包…',
    noBridge: '未检测到主进程接口，请通过“启航评审工作站”应用打开本页面。',
    dbFailed: '无法打开本地数据库',
    demoFailed: '演示工作包载入失败',
    retry: '重试',
  },
  profile: {
    title: '选择本地用户',
    intro: '每位使用本工作站的人员各建一个本地用户。评审意见、签名和日志都记在各自名下。',
    existing: '已有用户',
    none: '还没有本地用户，请先新建。',
    create: '新建用户',
    name: '姓名',
    namePlaceholder: '例如：王建华',
    role: '角色',
    district: '所属区（可选）',
    districtPlaceholder: '例如：海淀区',
    submit: '创建并进入',
    enter: '进入',
    switch: '切换用户',
    created: (name: string) => `已创建用户 ${name}`,
  },
  shell: {
    packageLine: (title: string, version: number) => `当前工作包：${title}（第 ${version} 版）`,
    noPackage: '尚未导入工作包',
    shortcuts: '快捷键：Alt+1…7 切换页面',
  },
  placeholder: {
    comingSoon: '此功能将在后续版本中提供。',
    dataReady: '工作包中与本页相关的数据：',
  },
  counts: {
    classes: '培训班',
    trainees: '学员',
    submissions: '创业成果',
    assignments: '评审分配',
    sessions: '课次',
    files: '文件',
    experts: '评审专家',
    certificateNumbers: '平台下发证书编号',
  },
  settings: {
    version: '版本',
    host: '运行方式',
    hostElectron: '桌面应用',
    hostHarness: '浏览器预览（测试环境）',
    dataLocation: '数据保存在本机 IndexedDB 中，关闭窗口不会丢失。',
  },
  review: reviewStrings,
  panel: panelStrings,
  sync: syncStrings,
  auditLog: auditLogStrings,
  packageImport: packageImportStrings,
  errors: {
    generic: '操作失败',
  },
};
