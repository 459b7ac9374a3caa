// An online shop's sales sheet (CSV, as trainees export it from their shop's back office):
// one row per month with the month, optionally the order count, and the sales in 元. Read into
// data for the reader's table and chart; a row that cannot be read is reported with its line.
import type { MonthlySale } from '../policy/salesAverage';

export interface SalesRow extends MonthlySale {
  orders?: number;
}

export type SalesSheet =
  { ok: true; rows: SalesRow[] } | { ok: false; code: 'sales-sheet-invalid'; message: string };

const MONTH = /^(\d{4})[-/.年](\d{1,2})月?$/;

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

const invalid = (path: string, why: string): SalesSheet => ({
  ok: false,
  code: 'sales-sheet-invalid',
  message: `销售记录“${path}”无法读取：${why}`,
});

/** Parses the sheet; months come back in calendar order, each month at most once. */
export function parseSalesSheet(text: string, path: string): SalesSheet {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim());
  const headerAt = lines.findIndex((l) => l !== '');
  if (headerAt < 0) return invalid(path, '文件为空');
  const header = splitCsvLine(lines[headerAt]!);
  const monthCol = header.findIndex((h) => h.includes('月份'));
  const amountCol = header.findIndex((h) => h.includes('销售额'));
  const ordersCol = header.findIndex((h) => h.includes('订单'));
  if (monthCol < 0 || amountCol < 0) return invalid(path, '首行须含“月份”和“销售额”两列');
  const byMonth = new Map<string, SalesRow>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cells = splitCsvLine(lines[i]!);
    const m = MONTH.exec(cells[monthCol] ?? '');
    const monthNo = m ? Number(m[2]) : 0;
    if (!m || monthNo < 1 || monthNo > 12)
      return invalid(path, `第 ${i + 1} 行的月份“${cells[monthCol] ?? ''}”不是 YYYY-MM`);
    const month = `${m[1]}-${String(monthNo).padStart(2, '0')}`;
    const amountText = (cells[amountCol] ?? '').replace(/[,，元\s]/g, '');
    const amountYuan = Number(amountText);
    if (amountText === '' || !Number.isFinite(amountYuan) || amountYuan < 0)
      return invalid(path, `第 ${i + 1} 行的销售额“${cells[amountCol] ?? ''}”不是非负数`);
    if (byMonth.has(month)) return invalid(path, `第 ${i + 1} 行的月份 ${month} 重复`);
    const ordersText = ordersCol >= 0 ? (cells[ordersCol] ?? '') : '';
    const orders = ordersText === '' ? undefined : Number(ordersText);
    byMonth.set(month, {
      month,
      amountYuan,
      ...(orders !== undefined && Number.isInteger(orders) && orders >= 0 ? { orders } : {}),
    });
  }
  if (byMonth.size === 0) return invalid(path, '没有任何月份的记录');
  return { ok: true, rows: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)) };
}
