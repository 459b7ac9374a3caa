// Jobs that run longer than a call (verifying a package, uploading a bundle, hashing a media
// drive) tell the page how they go by events main pushes, not by the page asking every few
// hundred ms. One push channel per kind of job; every event is checked against the job's
// schemas on both sides, so a malformed one is refused like a malformed request. Cancel is part
// of the job: each kind names the channel that stops it.
import { z } from 'zod';
import { ipcErrorSchema, type IpcError, type IpcResult } from './result';
import { firstIssue } from '../zodIssues';

export interface JobSpec<P extends z.ZodType = z.ZodType, D extends z.ZodType = z.ZodType> {
  /** Snapshots while the job runs (each replaces the last one). */
  progress: P;
  /** The job's result, sent once. */
  done: D;
  /** The request/response channel that stops it, as `capability:method` taking `{ jobId }`. */
  cancel: string;
  summary: string;
}

export function jobChannel<P extends z.ZodType, D extends z.ZodType>(
  spec: JobSpec<P, D>,
): JobSpec<P, D> {
  return spec;
}

export type JobsSpec = Record<string, JobSpec>;

/** The wire name of a job kind's push channel. */
export function jobEventChannel(kind: string): string {
  return `job:${kind}`;
}

export type JobEvent<S extends JobSpec = JobSpec> =
  | { type: 'progress'; data: z.output<S['progress']> }
  | { type: 'done'; data: z.output<S['done']> }
  /** Cancelled jobs end here too, with code 'cancelled'. */
  | { type: 'failed'; error: IpcError };

/** What travels on the push channel: which job, and what happened to it. */
export interface JobEventMessage<S extends JobSpec = JobSpec> {
  jobId: string;
  event: JobEvent<S>;
}

const jobIdSchema = z.string().min(1).max(64);

function messageSchema(spec: JobSpec) {
  return z
    .object({
      jobId: jobIdSchema,
      event: z.discriminatedUnion('type', [
        z.object({ type: z.literal('progress'), data: spec.progress }).strict(),
        z.object({ type: z.literal('done'), data: spec.done }).strict(),
        z.object({ type: z.literal('failed'), error: ipcErrorSchema }).strict(),
      ]),
    })
    .strict();
}

export type JobEventCheck<S extends JobSpec> =
  { ok: true; message: JobEventMessage<S> } | { ok: false; reason: string };

/** Checks one event against its job's schemas; the reason names the field that was wrong. */
export function checkJobEvent<S extends JobSpec>(spec: S, raw: unknown): JobEventCheck<S> {
  const parsed = messageSchema(spec).safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data as JobEventMessage<S> };
  const { field, message } = firstIssue(parsed.error.issues, '(整个事件)');
  return { ok: false, reason: `任务事件格式不正确（${field}）：${message}` };
}

export type JobHandler<S extends JobSpec> = (event: JobEvent<S>) => void;

/** The page's side of job events, as the preload exposes it (`api.jobs`). */
export interface JobsApi<J extends JobsSpec> {
  /** Calls `handler` with every event of this job until the returned function is called. */
  subscribe<K extends keyof J & string>(
    kind: K,
    jobId: string,
    handler: JobHandler<J[K]>,
  ): () => void;
  /** Stops the job through its kind's cancel channel. */
  cancel<K extends keyof J & string>(
    kind: K,
    jobId: string,
  ): Promise<IpcResult<{ cancelled: boolean }>>;
}

/** How many jobs' last events are kept for a subscriber that has not arrived yet. */
const UNCLAIMED_JOBS = 16;

/**
 * The preload's registry: delivers checked events to their job's subscribers. A job may send
 * before the page has its id (it learns it from the call that started the job), so the last
 * event of a job nobody listens to is kept, for a few jobs, and handed to its first subscriber.
 */
export function createJobHub<J extends JobsSpec>(
  jobs: J,
  onRefused: (channel: string, reason: string) => void = () => undefined,
) {
  const handlers = new Map<string, Set<(event: JobEvent) => void>>();
  const unclaimed = new Map<string, JobEvent[]>();
  const key = (kind: string, jobId: string) => `${kind}\u0000${jobId}`;

  return {
    /** Hands one raw message from the push channel of `kind` on, if it checks out. */
    deliver(kind: string, raw: unknown): void {
      const spec = Object.hasOwn(jobs, kind) ? jobs[kind] : undefined;
      if (!spec) return onRefused(jobEventChannel(kind), '未知的任务类型');
      const checked = checkJobEvent(spec, raw);
      if (!checked.ok) return onRefused(jobEventChannel(kind), checked.reason);
      const { jobId, event } = checked.message;
      const k = key(kind, jobId);
      const listeners = handlers.get(k);
      if (listeners && listeners.size > 0) {
        for (const h of [...listeners]) h(event);
        return;
      }
      // Progress replaces progress; an end is kept after the last progress.
      const before = unclaimed.get(k) ?? [];
      const kept = event.type === 'progress' ? before.filter((e) => e.type !== 'progress') : before;
      unclaimed.delete(k);
      unclaimed.set(k, [...kept, event]);
      while (unclaimed.size > UNCLAIMED_JOBS) unclaimed.delete(unclaimed.keys().next().value!);
    },

    subscribe(kind: string, jobId: string, handler: (event: JobEvent) => void): () => void {
      const k = key(kind, jobId);
      const set = handlers.get(k) ?? new Set();
      handlers.set(k, set);
      set.add(handler);
      const early = unclaimed.get(k);
      unclaimed.delete(k);
      for (const event of early ?? []) handler(event);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(k);
      };
    },
  };
}

export type JobEnd<S extends JobSpec> = Exclude<JobEvent<S>, { type: 'progress' }>;

/** Resolves with the job's end (done or failed), passing each progress snapshot on. */
export function untilJobEnds<J extends JobsSpec, K extends keyof J & string>(
  jobs: Pick<JobsApi<J>, 'subscribe'>,
  kind: K,
  jobId: string,
  onProgress: (data: z.output<J[K]['progress']>) => void = () => undefined,
): Promise<JobEnd<J[K]>> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    let ended = false;
    const stop = jobs.subscribe(kind, jobId, (event) => {
      if (ended) return;
      if (event.type === 'progress') return onProgress(event.data);
      ended = true;
      unsubscribe?.();
      resolve(event as JobEnd<J[K]>);
    });
    // A subscriber may be handed the end synchronously, before `stop` exists.
    if (ended) stop();
    else unsubscribe = stop;
  });
}
