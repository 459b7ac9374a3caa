// The panel's results as an XLSX: one row per submission and expert (scores, total, verdict,
// comment), the statistics and the decision on the submission's first row, and a sheet of the
// panel statistics. Read back by test/main/documents/panelDocuments.test.ts.
import ExcelJS from 'exceljs';
import {
  decisionText,
  verdictZh,
  type PanelRecordData,
} from '../../../src-shared/panel/recordData';
import { DEMO_DOCUMENT_NOTICE } from '../../../src-shared/profiles/demoMark';
import { demoNoticeCell, markDemoSheet } from './demoSheet';

export interface XlsxOptions {
  /** A demo profile's results: main's own record of the profile decides, never the renderer. */
  demo?: boolean;
}

/** A red notice row above the table; the rows below keep their columns so nothing else moves. */
function noticeRow(ws: ExcelJS.Worksheet, columns: number): void {
  ws.spliceRows(1, 0, [DEMO_DOCUMENT_NOTICE]);
  ws.mergeCells(1, 1, 1, Math.max(1, columns));
  demoNoticeCell(ws.getCell(1, 1));
  markDemoSheet(ws);
}

export function panelResultsWorkbook(
  data: PanelRecordData,
  opts: XlsxOptions = {},
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '启航评审工作站';
  const ws = wb.addWorksheet('评审结果');
  ws.columns = [
    { header: '成果编号', key: 'id', width: 18 },
    { header: '成果', key: 'title', width: 30 },
    { header: '学员', key: 'trainee', width: 10 },
    { header: '培训班', key: 'klass', width: 26 },
    { header: '专家', key: 'expert', width: 10 },
    { header: '状态', key: 'status', width: 8 },
    { header: '各项得分', key: 'scores', width: 30 },
    { header: '总分', key: 'total', width: 8 },
    { header: '专家结论', key: 'verdict', width: 10 },
    { header: '评审意见', key: 'comment', width: 40 },
    { header: '平均分', key: 'mean', width: 8 },
    { header: '极差', key: 'spread', width: 8 },
    { header: '分歧', key: 'flags', width: 20 },
    { header: '评审组结论', key: 'decision', width: 14 },
    { header: '理由', key: 'reason', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const status = { reviewed: '已评审', recused: '回避', missing: '未收到' } as const;
  for (const s of data.submissions) {
    s.experts.forEach((e, i) => {
      ws.addRow({
        id: s.id,
        title: s.title,
        trainee: s.traineeName,
        klass: s.className,
        expert: e.name,
        status: status[e.status],
        scores: e.scores.map((x, ci) => `${s.criteria[ci]?.label ?? ''} ${x ?? ''}`).join('；'),
        total: e.total,
        verdict: e.verdict ? verdictZh[e.verdict] : '',
        comment: e.comment,
        ...(i === 0
          ? {
              mean: s.stats.mean,
              spread: s.stats.spread,
              flags: s.stats.flags.join('、'),
              decision: decisionText(s.decision),
              reason: s.decision?.reason ?? '',
            }
          : {}),
      });
    });
  }
  const st = wb.addWorksheet('评审组统计');
  st.columns = [
    { header: '专家', key: 'name', width: 12 },
    { header: '可比成果', key: 'compared', width: 10 },
    { header: '平均偏差', key: 'dev', width: 10 },
    { header: 'z 值', key: 'z', width: 8 },
  ];
  st.getRow(1).font = { bold: true };
  for (const l of data.leniency) {
    st.addRow({ name: l.name, compared: l.compared, dev: l.meanDeviation, z: l.zScore });
  }
  st.addRow([]);
  st.addRow(['范围', '成果数', '总分 α', '结论 α']).font = { bold: true };
  st.addRow(['全组', data.submissions.length, data.alpha.interval, data.alpha.nominal]);
  for (const a of data.alphaByRubric) st.addRow([a.title, a.units, a.interval, a.nominal]);
  if (opts.demo) {
    noticeRow(ws, ws.columns.length);
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    noticeRow(st, st.columns.length);
  }
  return wb;
}

export async function panelResultsXlsx(
  data: PanelRecordData,
  opts: XlsxOptions = {},
): Promise<Uint8Array> {
  return new Uint8Array(await panelResultsWorkbook(data, opts).xlsx.writeBuffer());
}
