// Main's side of job events: checks each event against its job's schemas before it leaves
// (a malformed one is refused and reported, never sent), and sends progress at most every
// `throttleMs` per job, the latest snapshot winning; an end is sent at once, after any
// progress still waiting, and nothing of that job is sent after it.
import { jobs as contractJobs, type Jobs } from '../../src-shared/ipc/contract';
import {
  checkJobEvent,
  jobEventChannel,
  type JobEvent,
  type JobsSpec,
} from '../../src-shared/ipc/events';
import type { IpcError } from '../../src-shared/ipc/result';
import type { z } from 'zod';

/** The host's transport: Electron's webContents.send, the harness's WebSocket. */
export type SendEvent = (channel: string, message: unknown) => void;

export interface JobEmitterOptions {
  throttleMs?: number;
  /** An event that failed its schema (a bug in main): the channel and why. */
  onRefused?: (channel: string, reason: string) => void;
}

export interface JobEmitter<J extends JobsSpec = Jobs> {
  progress<K extends keyof J & string>(
    kind: K,
    jobId: string,
    data: z.input<J[K]['progress']>,
  ): void;
  done<K extends keyof J & string>(kind: K, jobId: string, data: z.input<J[K]['done']>): void;
  failed(
    kind: keyof J & string,
    jobId: string,
    error: Pick<IpcError, 'code' | 'message' | 'detail'>,
  ): void;
}

export function createJobEmitter<J extends JobsSpec = Jobs>(
  send: SendEvent,
  options: JobEmitterOptions & { jobs?: J } = {},
): JobEmitter<J> {
  const jobs = (options.jobs ?? contractJobs) as J;
  const throttleMs = options.throttleMs ?? 100;
  const waiting = new Map<string, { event: JobEvent; timer: ReturnType<typeof setTimeout> }>();
  const lastSent = new Map<string, number>();
  const ended = new Set<string>();

  const emit = (kind: string, jobId: string, event: JobEvent) => {
    const channel = jobEventChannel(kind);
    const checked = checkJobEvent(jobs[kind]!, { jobId, event });
    if (!checked.ok) return options.onRefused?.(channel, checked.reason);
    send(channel, checked.message);
  };
  const flush = (k: string, kind: string, jobId: string) => {
    const w = waiting.get(k);
    if (!w) return;
    clearTimeout(w.timer);
    waiting.delete(k);
    lastSent.set(k, Date.now());
    emit(kind, jobId, w.event);
  };

  return {
    progress(kind, jobId, data) {
      const k = `${kind}\u0000${jobId}`;
      if (ended.has(k)) return;
      const event = { type: 'progress', data } as JobEvent;
      const w = waiting.get(k);
      if (w) return void (w.event = event);
      const wait = (lastSent.get(k) ?? -Infinity) + throttleMs - Date.now();
      if (wait <= 0) {
        lastSent.set(k, Date.now());
        return emit(kind, jobId, event);
      }
      waiting.set(k, { event, timer: setTimeout(() => flush(k, kind, jobId), wait) });
    },
    done(kind, jobId, data) {
      end(kind, jobId, { type: 'done', data } as JobEvent);
    },
    failed(kind, jobId, error) {
      // Only the error's own fields travel (a service's failure object may carry more).
      const { code, message, detail } = error;
      end(kind, jobId, {
        type: 'failed',
        error: detail === undefined ? { code, message } : { code, message, detail },
      });
    },
  };

  function end(kind: string, jobId: string, event: JobEvent) {
    const k = `${kind}\u0000${jobId}`;
    if (ended.has(k)) return;
    flush(k, kind, jobId);
    ended.add(k);
    lastSent.delete(k);
    // Only ids are kept, and few jobs run in a session; forget the oldest beyond a bound.
    if (ended.size > 256) ended.delete(ended.values().next().value!);
    emit(kind, jobId, event);
  }
}

/** A context without a transport (tests of other capabilities) sends nowhere. */
export const noEvents: SendEvent = () => undefined;
