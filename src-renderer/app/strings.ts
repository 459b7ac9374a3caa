// The one zh-CN string catalog. Screens import from here so wording stays consistent and a
// reviewer of the language reads one file.
import type { Role, Screen } from '../../src-shared/profiles/roles';
import { certificatesStrings } from './strings/certificates';
import { complianceStrings } from './strings/compliance';
import { controlStrings, recordTextStrings } from './strings/controls';
import { errorStrings } from './strings/errors';
import { auditLogStrings } from './strings/auditLog';
import { auditStrings } from './strings/audit';
import { panelStrings } from './strings/panel';
import { readerStrings } from './strings/reader';
import { reviewStrings } from './strings/review';
import { similarityStrings } from './strings/similarity';
import { syncStrings } from './strings/sync';
import { packageImportStrings } from './strings/packageImport';
import { profileStrings } from './strings/profiles';

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

export { PROGRAM_NAMES as programLabels } from '../../src-shared/policy/programs';

export const t = {
  controls: controlStrings,
  recordText: recordTextStrings,
  compliance: complianceStrings,
  certificates: certificatesStrings,
  boot: {
    opening: '正在打开本地数据库…',
    noBridge: '未检测到主进程接口，请通过“启航评审工作站”应用打开本页面。',
    dbFailed: '无法打开本地数据库',
    retry: '重试',
  },
  profile: profileStrings,
  shell: {
    /** Around the package's title, which is record text and shown apart (RecordText). */
    packageLabel: '当前工作包：',
    packageVersion: (version: number) => `（第 ${version} 版）`,
    /** A work package as people name it: its title and version, never its id. */
    packageName: (title: string, version: number) => `${title}（第 ${version} 版）`,
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
    dataLocation: '数据保存在本机，关闭窗口不会丢失。',
    logFile: '运行日志',
    logFileHint:
      '记录启动步骤、被拒绝的请求和调用错误，不含姓名、口令或文件内容；遇到问题时可将此文件发给技术支持。',
    logFileNone: '（未记录）',
  },
  review: reviewStrings,
  reader: readerStrings,
  similarity: similarityStrings,
  panel: panelStrings,
  sync: syncStrings,
  auditLog: auditLogStrings,
  audit: auditStrings,
  packageImport: packageImportStrings,
  errors: {
    generic: '操作失败',
    /** The one error presentation (components/ErrorNotice). */
    notice: errorStrings,
  },
};
