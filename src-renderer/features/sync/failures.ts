// Plain-Chinese lines for the sync screen: an IPC failure under a form field as a hint for its
// code (what it means for the person) followed by the service's own message (which names the
// file or field), and the upload's progress. Failures outside a field are an ErrorNotice with
// the same hints (t.sync.codes).
import type { IpcError } from '../../../src-shared/ipc/result';
import type { UploadProgress } from '../../../src-shared/ipc/sync';
import { t } from '../../app/strings';
import { explainError } from '../../components/errorText';

export function describeFailure(error: Pick<IpcError, 'code' | 'message'>): string {
  // Upload codes are namespaced ('receipt:bad-signature', 'rejected:replayed', 'http-503').
  return explainError(error, t.sync.codes).lines.join('\n');
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
