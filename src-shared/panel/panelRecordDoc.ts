// 会审记录 as data: the blocks of a Beijing government meeting record (title, the meeting's
// particulars, members and recusals, each submission with every expert's scores and comments,
// statistics, the decision and its reason, panel statistics, signature lines). The DOCX writer
// in src-main/services/documents only lays these blocks out.
import { decisionText, fmt, verdictZh, type PanelRecordData } from './recordData';

export type DocBlock =
  | { type: 'title'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'para'; text: string; indent?: boolean }
  | { type: 'table'; header: string[]; rows: string[][]; widths: number[] }
  | { type: 'signatures'; lines: string[] };

export interface PanelRecordDoc {
  title: string;
  blocks: DocBlock[];
}

const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
// Full-width spaces separate fields as in printed government forms.
const GAP = '\u3000\u3000';
const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export function panelRecordDoc(data: PanelRecordData): PanelRecordDoc {
  const blocks: DocBlock[] = [];
  const title = `${data.panelName}会审记录`;
  blocks.push({ type: 'title', text: title });
  blocks.push({ type: 'heading', text: `${cn[0]}、会议基本情况` });
  blocks.push({ type: 'para', text: `会议时间：${zhDate(data.date)}` });
  blocks.push({ type: 'para', text: `会议地点：${data.place || '（未填写）'}` });
  blocks.push({ type: 'para', text: `评审组长：${data.chairName}` });
  blocks.push({
    type: 'para',
    text: `评审组成员：${data.members.map((m) => (m.organization ? `${m.name}（${m.organization}）` : m.name)).join('、')}`,
  });
  const recusals = data.submissions.flatMap((s) =>
    s.experts
      .filter((e) => e.status === 'recused')
      .map(
        (e) =>
          `${e.name}回避《${s.title}》（${s.traineeName}），${e.comment.replace(/^回避：/, '')}`,
      ),
  );
  blocks.push({
    type: 'para',
    text: recusals.length > 0 ? `回避情况：${recusals.join('；')}` : '回避情况：无',
  });
  const decided = data.submissions.filter((s) => s.decision?.action === 'decide');
  const passed = decided.filter((s) => s.decision?.verdict === 'pass').length;
  const referred = data.submissions.filter((s) => s.decision?.action === 'refer').length;
  blocks.push({
    type: 'para',
    indent: true,
    text: `本次会审成果 ${data.submissions.length} 件，评审组作出结论 ${decided.length} 件（通过 ${passed} 件、不通过 ${decided.length - passed} 件），提请另派专家 ${referred} 件，其余待结论。专家总分极差超过 ${fmt(data.threshold)} 分或结论不一致的成果经组长裁决并记录理由。`,
  });

  blocks.push({ type: 'heading', text: `${cn[1]}、逐件评审情况` });
  data.submissions.forEach((s, i) => {
    blocks.push({
      type: 'para',
      text: `${i + 1}. 《${s.title}》${GAP}学员：${s.traineeName}${GAP}培训班：${s.className}`,
    });
    const header = ['评分项', ...s.experts.map((e) => e.name)];
    const rows = s.criteria.map((c, ci) => [
      `${c.label}（${fmt(c.maxScore)}）`,
      ...s.experts.map((e) => (e.status === 'reviewed' ? fmt(e.scores[ci] ?? null) : '')),
    ]);
    rows.push(['总分', ...s.experts.map((e) => (e.status === 'reviewed' ? fmt(e.total) : ''))]);
    rows.push([
      '结论',
      ...s.experts.map((e) =>
        e.status === 'reviewed' && e.verdict
          ? verdictZh[e.verdict]
          : e.status === 'recused'
            ? '回避'
            : '未评审',
      ),
    ]);
    rows.push(['评审意见', ...s.experts.map((e) => e.comment)]);
    const w = Math.floor(76 / Math.max(1, s.experts.length));
    blocks.push({ type: 'table', header, rows, widths: [24, ...s.experts.map(() => w)] });
    const st = s.stats;
    blocks.push({
      type: 'para',
      text: `统计：平均分 ${fmt(st.mean)}；截尾平均 ${fmt(st.trimmedMean)}；标准差 ${fmt(st.standardDeviation)}；极差 ${fmt(st.spread)}；通过 ${st.passCount} 票、不通过 ${st.failCount} 票${st.flags.length > 0 ? `；分歧：${st.flags.join('、')}` : ''}。`,
    });
    const d = s.decision;
    blocks.push({
      type: 'para',
      text: `评审组结论：${decisionText(d)}${d ? `（${d.at}）` : ''}${d?.againstMajority ? '，与多数专家意见不同' : ''}${d && d.reason ? `。理由：${d.reason}` : '。'}`,
    });
  });

  blocks.push({ type: 'heading', text: `${cn[2]}、评审组统计` });
  blocks.push({
    type: 'para',
    text: `评分一致性（Krippendorff α）：总分 ${fmt(data.alpha.interval, 3)}（等距），结论 ${fmt(data.alpha.nominal, 3)}（名义）。`,
  });
  if (data.alphaByRubric.length > 0) {
    blocks.push({
      type: 'table',
      header: ['评审标准', '成果数', '总分 α', '结论 α'],
      rows: data.alphaByRubric.map((a) => [
        a.title,
        String(a.units),
        fmt(a.interval, 3),
        fmt(a.nominal, 3),
      ]),
      widths: [52, 16, 16, 16],
    });
  }
  blocks.push({
    type: 'table',
    header: ['专家', '可比成果', '平均偏差', 'z 值'],
    rows: data.leniency.map((l) => [
      l.name,
      String(l.compared),
      fmt(l.meanDeviation),
      fmt(l.zScore),
    ]),
    widths: [40, 20, 20, 20],
  });

  blocks.push({ type: 'heading', text: `${cn[3]}、签字` });
  blocks.push({
    type: 'signatures',
    lines: [
      `评审组长（签字）：＿＿＿＿＿＿${GAP}日期：${zhDate(data.date)}`,
      ...data.members
        .filter((m) => !m.chair)
        .map((m) => `评审专家 ${m.name}（签字）：＿＿＿＿＿＿`),
      `记录人（签字）：＿＿＿＿＿＿`,
    ],
  });
  return { title, blocks };
}
