// HTTP Range for the app:// handler: one byte range per request, as <video> and pdf.js send.
// A header we cannot honour exactly (other units, several ranges, bad numbers, past the end)
// is answered 416, so a player never silently receives bytes it did not ask for.

export type RangeDecision =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeDecision {
  if (header === null || header === undefined || header.trim() === '') return { kind: 'full' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  const start = first === '' ? undefined : Number(first);
  const end = last === '' ? undefined : Number(last);
  if (
    (start !== undefined && !Number.isSafeInteger(start)) ||
    (end !== undefined && !Number.isSafeInteger(end))
  ) {
    return { kind: 'unsatisfiable' };
  }
  if (start === undefined) {
    // "bytes=-N": the last N bytes.
    if (end === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - end!), end: size - 1 };
  }
  if (start >= size) return { kind: 'unsatisfiable' };
  if (end !== undefined && end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end ?? size - 1, size - 1) };
}

export function contentRange(decision: RangeDecision, size: number): string | undefined {
  if (decision.kind === 'partial') return `bytes ${decision.start}-${decision.end}/${size}`;
  if (decision.kind === 'unsatisfiable') return `bytes */${size}`;
  return undefined;
}
