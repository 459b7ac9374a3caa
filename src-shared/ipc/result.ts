// Every IPC answer is a value, never a thrown error: the renderer always gets a typed result
// and a Chinese message it can show as is.
import { z } from 'zod';

export const ipcErrorCodes = [
  'unknown-channel',
  'forbidden-sender',
  'invalid-request',
  'invalid-response',
  'handler-failed',
  'transport-failed',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

/** Codes a handler may add for its own, expected failures (e.g. 'signature-invalid'). */
export interface IpcError {
  code: IpcErrorCode | (string & {});
  message: string;
  /** Which request field was wrong, when the request failed validation. */
  field?: string;
  /** Technical detail for support (a full key id, a content type): shown only behind 详情, never in the sentence. */
  detail?: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ipcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  detail: z.string().optional(),
});

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: IpcError['code'], message: string, field?: string): IpcResult<never> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** A service's failure as an IPC answer: the sentence and its technical detail travel together. */
export function failWith(
  f: { code: IpcError['code']; message: string; detail?: string | undefined },
  field?: string,
): IpcResult<never> {
  const error: IpcError = { code: f.code, message: f.message };
  if (field !== undefined) error.field = field;
  if (f.detail !== undefined) error.detail = f.detail;
  return { ok: false, error };
}
