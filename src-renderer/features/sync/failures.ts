// Plain-Chinese lines for the sync screen: an IPC failure as a hint for its code (what it means
// for the person) followed by the service's own message (which names the file or field), and
// the upload's progress.
import type { IpcError } from '../../../src-shared/ipc/result';
import type { UploadProgress } from '../../../src-shared/ipc/sync';
import { t } from '../../app/strings';

export function describeFailure(error: Pick<IpcError, 'code' | 'message'>): string {
  const codes = t.sync.codes;
  // Upload codes are namespaced ('receipt:bad-signature', 'rejected:replayed', 'http-503').
  const hint = codes[error.code] ?? codes[error.code.split(':').pop() ?? ''];
  if (!hint) return error.message;
  const core = error.message.replace(/[。.]$/, '');
  // Two lines: what it means, then the detail naming the file or field.
  return hint.includes(core) ? hint : `${hint}\n${error.message}`;
}

/** What the upload is doing now: trying, or waiting to retry after a failed try. */
export function progressLine(p: UploadProgress, now: number = Date.now()): string {
  const retryAt = p.nextRetryAt ? Date.parse(p.nextRetryAt) : null;
  if (p.lastError && retryAt !== null && retryAt > now) {
    const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    return t.sync.retryIn(p.attempt, p.lastError.message, seconds, p.maxAttempts);
  }
  // Between the retry time and the end of the next try, that next try is running.
  return t.sync.uploading(Math.min(p.maxAttempts, p.attempt + 1), p.maxAttempts);
}
