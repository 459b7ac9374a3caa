// zh-CN strings of the similarity pre-check (相似度预检), shown to the expert and the chair.
const q = (s: string) => `“${s}”`;
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
  current: (file: string) => `当前文件：${file}`,
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
  unknownSubmission: (id: string) => `（工作包中没有 ${id}）`,
  failuresTitle: (n: number) => `${n} 份文件未能读取，未参与比较：`,
  crashed: (why: string) => `预检出错：${why}`,
  worker: {
    fetchFailed: (file: string, why: string) => `无法读取文件${q(file)}：${why}`,
    httpFailed: (file: string, status: number) => `无法读取文件${q(file)}（HTTP ${status}）`,
    hashMismatch: (file: string) =>
      `文件${q(file)}的 SHA-256 与签名清单不符，已跳过。请重新导入工作包`,
    notReadable: (file: string, why: string) => `文件${q(file)}不是可读取文字的 PDF：${why}`,
    crashed: (why: string) => `预检出错：${why}`,
  },
  fileUnavailable: (file: string) => `文件${q(file)}不在工作包内（外置或缺失），未参与比较`,
  fileUnknown: (id: string) => `成果 ${id} 的文件不在清单中，未参与比较`,
};
