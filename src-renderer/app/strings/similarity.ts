// zh-CN strings of the similarity pre-check (相似度预检), shown to the expert and the chair.
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export const similarityStrings = {
  open: '相似度预检',
  title: '相似度预检（抄袭 / 代写线索）',
  intro:
    '在本机比较同一工作包内所有计划书的文字（PDF 文字层和申报表字段），模板标题和多数文件共有的固定文字不计入。' +
    '列出的只是线索，是否抄袭由评审专家判断。',
  scopeExpert: '只列出至少一方是分配给您的成果。',
  scopeChair: '只列出至少一方属于本评审组的成果。',
  noPackage: '尚未导入工作包。',
  noExpert: '请先在“评审任务”页确认您的评审专家身份。',
  run: '开始预检',
  rerun: '重新预检',
  cancel: '取消',
  cancelled: '预检已取消，已提取的文字已保存，下次不必重新提取。',
  extracting: (done: number, total: number) => `正在提取文字：${done} / ${total} 份`,
  comparing: '正在比较…',
  current: (plan: string) => `正在读取：${plan}`,
  lastRun: (at: string, docs: number) => `上次预检：${at}，比较了 ${docs} 份计划书`,
  stale: '工作包已更新，此结果来自旧版本，请重新预检。',
  never: '尚未预检。预检在本机进行，约每秒数十份。',
  none: (threshold: number) => `没有相似度达到 ${pct(threshold)} 的计划书。`,
  pairsFound: (n: number) => `发现 ${n} 对相似的计划书`,
  similarity: (x: number) => `相似度 ${pct(x)}`,
  passages: (n: number) => `${n} 段相同文字`,
  page: (page: number, endPage: number) =>
    page === 0 ? '申报表' : endPage > page ? `第 ${page}–${endPage} 页` : `第 ${page} 页`,
  mine: '分配给我',
  ours: '本组',
  // The id is all there is when the package has no such plan: said as a record number.
  unknownSubmission: (id: string) => `（工作包中没有这份成果，编号 ${id}）`,
  failuresTitle: (n: number) => `${n} 份文件未能读取，未参与比较：`,
  /** A failure's own line: whose plan, then what happened (the file path and the reader's words behind 详情). */
  failureLine: (plan: string, message: string) => `${plan}：${message}`,
  fileLabel: (path: string) => `文件：${path}`,
  // What happened in the person's words; the reader's own (English) text goes behind 详情.
  crashed: '预检中途出错，结果未保存。请重新预检；仍出错时请把详情交给技术支持。',
  worker: {
    fetchFailed: '文件无法读取，未参与比较。',
    hashMismatch: '文件与签名清单不符（可能已损坏），已跳过。请重新导入工作包。',
    notReadable: '文件不是可读取文字的 PDF（可能已损坏，或是扫描图片），未参与比较。',
    crashed: '预检中途出错，结果未保存。请重新预检；仍出错时请把详情交给技术支持。',
  },
  fileUnavailable: '文件不在工作包内（外置或缺失），未参与比较。',
  fileUnknown: '工作包清单里没有这份成果的文件，未参与比较。',
};
