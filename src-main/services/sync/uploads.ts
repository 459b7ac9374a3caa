// Uploads as main keeps them: each one a job with an id the page follows by events and may
// cancel; one at a time per profile (two tries posting the same pending bundle would race on
// its receipt); and what the running one is doing — which try, the last failure, when the
// next try starts. Plain Node: the IPC handler passes the work in, this module only guards,
// reports and cancels.
import { randomBytes } from 'node:crypto';
import type { UploadProgress } from '../../../src-shared/ipc/sync';
import type { Failure } from '../../../src-shared/failure';

/** What one try of the upload loop reports (services/bundles/upload.ts `onAttempt`). */
export interface AttemptInfo {
  attempt: number;
  error?: { code: string; message: string };
  nextDelayMs?: number;
}

export interface UploadHooks {
  onAttempt: (info: AttemptInfo) => void;
  /** Aborted by `cancel(jobId)`. */
  signal: AbortSignal;
}

/** How the task ended; a throw from the task becomes `{ ok: false, code: 'upload-failed' }`. */
export type UploadEnd<T> = { ok: true; value: T; attempts: number } | Failure;

export type UploadStart<T> =
  | { ok: true; jobId: string; ended: Promise<UploadEnd<T>> }
  | { ok: false; code: 'upload-running'; message: string };

export interface UploadsOptions {
  /** Tries including the first, shown as "第 n / max 次". */
  maxAttempts: number;
  /** Milliseconds since the epoch; tests pin it. */
  clock?: () => number;
  newId?: () => string;
  /** Called with a copy of the progress on every change (start, each try, end). */
  onProgress?: (jobId: string, progress: UploadProgress) => void;
}

interface Running {
  jobId: string;
  controller: AbortController;
  state: UploadProgress;
}

export class Uploads {
  private readonly running = new Map<string, Running>();
  private readonly clock: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: UploadsOptions) {
    this.clock = options.clock ?? Date.now;
    this.newId = options.newId ?? (() => randomBytes(16).toString('hex'));
  }

  isRunning(profileId: string): boolean {
    return this.running.has(profileId);
  }

  /**
   * Starts `task` as this profile's upload unless one is already running. The task reports
   * each try through `onAttempt` and stops when `signal` aborts.
   */
  start<T>(profileId: string, task: (hooks: UploadHooks) => Promise<T>): UploadStart<T> {
    if (this.running.has(profileId)) {
      return { ok: false, code: 'upload-running', message: '结果包正在上传，请等待本次上传结束' };
    }
    const run: Running = {
      jobId: this.newId(),
      controller: new AbortController(),
      state: {
        active: true,
        attempt: 0,
        maxAttempts: this.options.maxAttempts,
        lastError: null,
        nextRetryAt: null,
      },
    };
    this.running.set(profileId, run);
    const { state } = run;
    this.emit(run);
    const onAttempt = ({ attempt, error, nextDelayMs }: AttemptInfo) => {
      state.attempt = attempt;
      state.lastError = error ? { code: error.code, message: error.message } : null;
      state.nextRetryAt =
        nextDelayMs !== undefined ? new Date(this.clock() + nextDelayMs).toISOString() : null;
      this.emit(run);
    };
    const ended = Promise.resolve()
      .then(() => task({ onAttempt, signal: run.controller.signal }))
      .then(
        (value): UploadEnd<T> => ({ ok: true, value, attempts: Math.max(1, state.attempt) }),
        (error: unknown): UploadEnd<T> => ({
          ok: false,
          code: 'upload-failed',
          message: `上传时发生意外错误，结果包仍保存在本机：${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .finally(() => {
        state.active = false;
        state.nextRetryAt = null;
        this.running.delete(profileId);
      });
    return { ok: true, jobId: run.jobId, ended };
  }

  /** Stops the upload with this id; false when no such upload is running. */
  cancel(jobId: string): boolean {
    for (const run of this.running.values()) {
      if (run.jobId !== jobId) continue;
      run.controller.abort();
      return true;
    }
    return false;
  }

  private emit(run: Running): void {
    this.options.onProgress?.(run.jobId, { ...run.state });
  }
}
