// What an error says to the person, and what 详情 holds for support: pure, tested in Node.
import { errorStrings } from '../app/strings/errors';

/** An error as the renderer holds it: the IPC's `{ code, message, field }`, or just a sentence. */
export interface ShownError {
  code?: string;
  message: string;
  field?: string;
  /** Technical detail for support only (a key id, a content type, a stack line). */
  detail?: string;
}

export interface ExplainedError {
  /** Lines the person reads: what happened, and what to do. */
  lines: string[];
  /** The code, field and raw message, one per line, as 复制 copies them; null when there is nothing beyond the lines. */
  details: string | null;
}

/** Hints are per capability (e.g. the sync screen's): keyed by code, or by the last part of a namespaced code ('receipt:bad-signature'). */
function hintFor(code: string, hints: Record<string, string> | undefined): string | undefined {
  if (!hints) return undefined;
  return hints[code] ?? hints[code.split(':').pop() ?? ''];
}

export function explainError(
  error: ShownError | string,
  hints?: Record<string, string>,
): ExplainedError {
  const e: ShownError = typeof error === 'string' ? { message: error } : error;
  const plain = e.code ? errorStrings.plain[e.code] : undefined;
  const hint = e.code ? hintFor(e.code, hints) : undefined;
  const message = e.message.trim();
  const core = message.replace(/[。.]$/, '');
  let lines: string[];
  if (plain) lines = [hint ?? plain];
  else if (!message) lines = [hint ?? errorStrings.fallback];
  else if (hint && !hint.includes(core)) lines = [hint, message];
  else lines = [hint ?? message];
  const details = [
    e.code && `${errorStrings.codeLabel}：${e.code}`,
    e.field && `${errorStrings.fieldLabel}：${e.field}`,
    // The raw message only where the person did not already read it word for word.
    message && !lines.includes(message) && `${errorStrings.messageLabel}：${message}`,
    e.detail && `${errorStrings.detailLabel}：${e.detail}`,
  ].filter((line): line is string => Boolean(line));
  return { lines, details: details.length > 0 ? details.join('\n') : null };
}
