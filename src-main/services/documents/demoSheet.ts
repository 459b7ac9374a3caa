// How a demo profile's workbook says what it is, on screen and on paper: an orange tab, the
// notice in every printed page's header, and a red notice cell the reader sees first.
import type ExcelJS from 'exceljs';
import { DEMO_DOCUMENT_NOTICE, DEMO_MARK } from '../../../src-shared/profiles/demoMark';

export function markDemoSheet(ws: ExcelJS.Worksheet): void {
  ws.properties.tabColor = { argb: 'FFFD7E14' };
  ws.headerFooter.oddHeader = `&C&"-,Bold"&14${DEMO_DOCUMENT_NOTICE}`;
  ws.headerFooter.oddFooter = `&C${DEMO_MARK} &P / &N`;
}

export function demoNoticeCell(cell: ExcelJS.Cell): void {
  cell.value = DEMO_DOCUMENT_NOTICE;
  cell.font = { bold: true, size: 14, color: { argb: 'FFC00000' } };
  cell.alignment = { horizontal: 'center' };
}
