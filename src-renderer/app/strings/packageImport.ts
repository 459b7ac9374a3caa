// 导入工作包: the button, the drop targets and the progress / summary dialog.
import { countText } from './numbers';

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export const packageImportStrings = {
  button: '导入工作包',
  cardTitle: '工作包',
  cardIntro:
    '从管理平台取得的签名工作包（*.qhpkg）在这里导入。导入前会校验签名和每个文件；校验不通过的工作包不会写入任何数据。',
  dropHere: '把 .qhpkg 文件拖到这里（或拖到窗口任意位置）',
  dropOverlay: '松开鼠标以导入工作包',
  demoTrust: '当前为演示用户：信任随附的演示平台密钥。',
  enrolledTrust: '只接受本用户注册回复中的平台密钥签名的工作包。',
  modalTitle: '导入工作包',
  phase: {
    starting: '正在准备…',
    uploading: (done: number, total: number) => `接收文件 ${mb(done)} / ${mb(total)}`,
    signature: '校验签名…',
    files: (done: number, total: number) => `校验文件 ${mb(done)} / ${mb(total)}`,
    external: (done: number, total: number) => `查找并校验外部媒体文件 ${mb(done)} / ${mb(total)}`,
    writing: '写入数据库…',
    clearingRows: (done: number, total: number) =>
      `移除旧版本数据 ${countText(done)} / ${countText(total)} 条`,
    writingRows: (done: number, total: number) =>
      `写入数据库 ${countText(done)} / ${countText(total)} 条`,
  },
  cancel: '取消',
  close: '关闭',
  cancelling: '正在取消…',
  cancelled: '已取消导入，本机数据未作任何更改。',
  failedTitle: '工作包未导入',
  refusedTitle: '工作包未导入',
  unchangedChanged: '本机数据未作任何更改。',
  /** What to do about a package signed by a key this user does not trust, by who is importing. */
  untrusted: {
    demo: '演示用户只接受随附的演示工作包。正式工作包请切换到正式用户再导入。',
    enrolled:
      '本用户已完成平台注册，但这个工作包不是用已注册的平台密钥签发的。请向管理平台确认文件来源；如平台更换过密钥，请先在“同步”页导入新的注册回复。',
    notEnrolled:
      '本用户还没有完成平台注册，还不能导入正式工作包。请先在“同步”页创建签名密钥、导出注册申请交给管理平台，再导入平台的注册回复。',
  },
  imported: (title: string, version: number) => `已导入“${title}”（第 ${version} 版）`,
  updated: (title: string, from: number, to: number) =>
    `已更新“${title}”：第 ${from} 版 → 第 ${to} 版`,
  updatedKept: '本机的评审意见、草稿、会审决定、抽查记录、证书、打印记录和日志均已保留。',
  unchanged: (title: string, version: number) =>
    `未作更改：本机已导入同一工作包“${title}”（第 ${version} 版）`,
  counts: { classes: '培训班', trainees: '学员', submissions: '创业成果' },
  // Grouped like the progress counts above it (30,000, not 30000).
  count: countText,
  mediaLabel: '外部媒体',
  media: (m: { external: number; found: number; missing: number }) =>
    m.external === 0 ? '无' : `共 ${m.external} 个：已找到 ${m.found} 个，缺失 ${m.missing} 个`,
  mediaMissing: (n: number) =>
    `有 ${n} 个外部媒体文件（完整录像、课程包、直播回放等）没有找到，相关核查项会显示为“缺失”。把存放这些文件的移动硬盘内容复制到工作包所在的文件夹，再点“导入工作包”选择同一工作包导入一次即可补上；已做的工作不受影响。`,
  mediaRelocated: (n: number) => `已更新 ${n} 个外部媒体文件的位置。`,
  notQhpkg: (name: string) => `只能导入 .qhpkg 工作包文件，拖入的是“${name}”`,
  severalFiles: '一次只能导入一个工作包，请只拖入一个 .qhpkg 文件',
  emptyFile: (name: string) => `文件“${name}”是空的，不是工作包`,
  writeFailed: (message: string) => `写入本地数据库失败，已全部撤回，本机数据未作更改：${message}`,
  demoProfileLabel: '演示用户（只用于体验和培训）',
  demoProfileHint:
    '演示用户信任随附的演示平台密钥，可以导入演示工作包；正式评审请不要勾选，正式用户只信任注册回复中的平台密钥。',
  demoBadge: '演示',
  unexpected: (message: string) => `导入时发生意外错误，本机数据未作更改：${message}`,
};
