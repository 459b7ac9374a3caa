// Uploads as main keeps them: one at a time per profile (two tries posting the same pending
// bundle would race on its receipt), and what the running one is doing — which try, the last
// failure, when the next try starts — so the screen can say it. Plain Node: the IPC handler
// passes the work in, this module only guards and reports.
import type { UploadProgress } from '../../../src-shared/ipc/sync';

/** What one try of the upload loop reports (services/bundles/upload.ts `onAttempt`). */
export interface AttemptInfo {
  attempt: number;
  error?: { code: string; message: string };
  nextDelayMs?: number;
}

export type UploadRun<T> =
  { ok: true; value: T; attempts: number } | { ok: false; code: 'upload-running'; message: string };

export interface UploadsOptions {
  /** Tries including the first, shown as "第 n / max 次". */
  maxAttempts: number;
  /** Milliseconds since the epoch; tests pin it. */
  clock?: () => number;
  /** Called with a copy of the progress on every change (start, each try, end). */
  onProgress?: (profileId: string, progress: UploadProgress) => void;
}

export class Uploads {
  private readonly running = new Map<string, UploadProgress>();
  private readonly last = new Map<string, UploadProgress>();
  private readonly clock: () => number;

  constructor(private readonly options: UploadsOptions) {
    this.clock = options.clock ?? Date.now;
  }

  private idle(): UploadProgress {
    return {
      active: false,
      attempt: 0,
      maxAttempts: this.options.maxAttempts,
      lastError: null,
      nextRetryAt: null,
    };
  }

  /** The running upload's progress, else how the last one ended, else idle. */
  progress(profileId: string): UploadProgress {
    return { ...(this.running.get(profileId) ?? this.last.get(profileId) ?? this.idle()) };
  }

  isRunning(profileId: string): boolean {
    return this.running.has(profileId);
  }

  /**
   * Runs `task` as this profile's upload unless one is already running. The task reports each
   * try through the callback it is given; `attempts` is how many tries it took (at least 1).
   */
  async run<T>(
    profileId: string,
    task: (onAttempt: (info: AttemptInfo) => void) => Promise<T>,
  ): Promise<UploadRun<T>> {
    if (this.running.has(profileId)) {
      return { ok: false, code: 'upload-running', message: '结果包正在上传，请等待本次上传结束' };
    }
    const state: UploadProgress = { ...this.idle(), active: true };
    this.running.set(profileId, state);
    this.emit(profileId, state);
    try {
      const value = await task(({ attempt, error, nextDelayMs }) => {
        state.attempt = attempt;
        state.lastError = error ? { code: error.code, message: error.message } : null;
        state.nextRetryAt =
          nextDelayMs !== undefined ? new Date(this.clock() + nextDelayMs).toISOString() : null;
        this.emit(profileId, state);
      });
      return { ok: true, value, attempts: Math.max(1, state.attempt) };
    } finally {
      state.active = false;
      state.nextRetryAt = null;
      this.running.delete(profileId);
      this.last.set(profileId, state);
      this.emit(profileId, state);
    }
  }

  private emit(profileId: string, state: UploadProgress): void {
    this.options.onProgress?.(profileId, { ...state });
  }
}
