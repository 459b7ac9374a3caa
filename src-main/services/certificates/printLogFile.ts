// The headless station's print log: one JSON result record (kind 'print-log') per line, so
// reprints are recognised across runs and the lines can go into the station's next bundle.
import { appendFile, readFile } from 'node:fs/promises';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import {
  printLogPayloadSchema,
  type PrintLogPayload,
} from '../../../src-shared/certificates/printLog';

export type LogRead = { ok: true; entries: PrintLogPayload[] } | { ok: false; message: string };

export async function readPrintLog(file: string): Promise<LogRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, entries: [] };
    return { ok: false, message: `无法读取打印记录 ${file}：${(e as Error).message}` };
  }
  const entries: PrintLogPayload[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let rec: { kind?: unknown; payload?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      return { ok: false, message: `打印记录 ${file} 第 ${i + 1} 行不是有效的 JSON` };
    }
    const p = printLogPayloadSchema.safeParse(rec.payload);
    if (rec.kind !== 'print-log' || !p.success)
      return { ok: false, message: `打印记录 ${file} 第 ${i + 1} 行不是打印记录` };
    entries.push(p.data);
  }
  return { ok: true, entries };
}

export function printLogRecord(entry: PrintLogPayload): ResultRecord {
  return {
    id: `pl-${entry.batchId}-${entry.action}`.slice(0, 64),
    kind: 'print-log',
    createdAt: entry.at,
    payload: entry,
  };
}

export async function appendPrintLog(file: string, entry: PrintLogPayload): Promise<void> {
  await appendFile(file, `${JSON.stringify(printLogRecord(entry))}\n`, { mode: 0o644 });
}
