// Job events in the contract: each job kind's events are checked against its schemas, a
// malformed one is refused with the field named, and the page's hub hands events to the job's
// subscribers only (keeping the last ones of a job nobody follows yet).
import { describe, expect, it } from 'vitest';
import { jobs, type Jobs } from '../../../src-shared/ipc/contract';
import { listChannels, type ChannelSpec } from '../../../src-shared/ipc/channel';
import { contract } from '../../../src-shared/ipc/contract';
import {
  checkJobEvent,
  createJobHub,
  jobEventChannel,
  untilJobEnds,
  type JobEvent,
} from '../../../src-shared/ipc/events';

const JOB = 'a'.repeat(32);
const uploadProgress = (attempt: number) => ({
  active: true,
  attempt,
  maxAttempts: 6,
  lastError: null,
  nextRetryAt: null,
});
const mediaProgress = {
  jobId: JOB,
  state: 'running',
  bytesDone: 10,
  bytesTotal: 100,
  filesDone: 1,
  filesTotal: 3,
  filesFromCache: 0,
};

describe('job kinds in the contract', () => {
  it('names a cancel channel of the contract for every job kind, taking the job id', () => {
    const names = new Set(listChannels(contract).map((c) => c.name));
    for (const [kind, spec] of Object.entries(jobs)) {
      expect(names.has(spec.cancel), `${kind} → ${spec.cancel}`).toBe(true);
      const [cap, method] = spec.cancel.split(':') as [string, string];
      const caps = contract as unknown as Record<string, Record<string, ChannelSpec>>;
      const request = caps[cap]![method]!.request;
      expect(request.safeParse({ jobId: JOB }).success).toBe(true);
    }
    expect(jobEventChannel('upload')).toBe('job:upload');
  });
});

describe('checking one event', () => {
  it('accepts progress, done and failed events that match the job kind’s schemas', () => {
    for (const event of [
      { type: 'progress', data: uploadProgress(1) },
      { type: 'failed', error: { code: 'cancelled', message: '已取消上传' } },
    ]) {
      expect(checkJobEvent(jobs.upload, { jobId: JOB, event }).ok).toBe(true);
    }
    expect(
      checkJobEvent(jobs.media, { jobId: JOB, event: { type: 'done', data: mediaProgress } }).ok,
    ).toBe(true);
  });

  it('refuses a malformed event and names the field', () => {
    const cases: [unknown, string][] = [
      [{ jobId: JOB, event: { type: 'progress', data: uploadProgress(-1) } }, 'event.data.attempt'],
      [{ jobId: JOB, event: { type: 'done', data: mediaProgress } }, 'event.data'],
      [{ jobId: JOB, event: { type: 'finished', data: {} } }, 'event.type'],
      [{ jobId: JOB, event: { type: 'failed', error: { code: 1 } } }, 'event.error.code'],
      [{ event: { type: 'progress', data: uploadProgress(1) } }, 'jobId'],
      [{ jobId: JOB, event: { type: 'progress', data: uploadProgress(1) }, extra: 1 }, ''],
      ['not an object', '整个事件'],
    ];
    for (const [raw, field] of cases) {
      const r = checkJobEvent(jobs.upload, raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (!r.ok) expect(r.reason).toContain(field);
    }
  });
});

describe('the page’s hub', () => {
  it('hands a checked event to the job’s subscribers only, until they unsubscribe', () => {
    const hub = createJobHub(jobs);
    const mine: JobEvent[] = [];
    const other: JobEvent[] = [];
    const stop = hub.subscribe('upload', JOB, (e) => mine.push(e));
    hub.subscribe('upload', 'b'.repeat(32), (e) => other.push(e));
    hub.deliver('upload', { jobId: JOB, event: { type: 'progress', data: uploadProgress(1) } });
    // The same id under another kind is another job.
    hub.deliver('media', {
      jobId: JOB,
      event: { type: 'failed', error: { code: 'x', message: 'y' } },
    });
    stop();
    hub.deliver('upload', { jobId: JOB, event: { type: 'progress', data: uploadProgress(2) } });
    expect(mine).toEqual([{ type: 'progress', data: uploadProgress(1) }]);
    expect(other).toEqual([]);
  });

  it('refuses malformed events and unknown kinds without calling anyone', () => {
    const refused: string[] = [];
    const hub = createJobHub(jobs, (channel, reason) => refused.push(`${channel}: ${reason}`));
    const seen: JobEvent[] = [];
    hub.subscribe('upload', JOB, (e) => seen.push(e));
    hub.deliver('upload', { jobId: JOB, event: { type: 'progress', data: { attempt: 'x' } } });
    hub.deliver('toString', { jobId: JOB, event: { type: 'failed', error: {} } });
    expect(seen).toEqual([]);
    expect(refused).toHaveLength(2);
    expect(refused[1]).toContain('job:toString');
  });

  it('keeps the last progress and the end of a job nobody follows yet, for its first subscriber', () => {
    const hub = createJobHub(jobs);
    const end = { type: 'failed', error: { code: 'http-500', message: '已重试' } } as const;
    hub.deliver('upload', { jobId: JOB, event: { type: 'progress', data: uploadProgress(1) } });
    hub.deliver('upload', { jobId: JOB, event: { type: 'progress', data: uploadProgress(2) } });
    hub.deliver('upload', { jobId: JOB, event: end });
    const seen: JobEvent[] = [];
    hub.subscribe('upload', JOB, (e) => seen.push(e));
    expect(seen).toEqual([{ type: 'progress', data: uploadProgress(2) }, end]);
    const late: JobEvent[] = [];
    hub.subscribe('upload', JOB, (e) => late.push(e));
    expect(late).toEqual([]);
  });

  it('untilJobEnds resolves with the end, also one already waiting, and stops listening', async () => {
    const hub = createJobHub(jobs);
    const done = {
      type: 'done',
      data: {
        receiptId: 'r-1',
        bundleId: 'b-1',
        counter: 1,
        acceptedRecordIds: ['rv-1'],
        sentRecordIds: ['rv-1'],
        alreadyAcknowledged: false,
        attempts: 1,
      },
    };
    hub.deliver('upload', { jobId: JOB, event: done });
    const api = { subscribe: hub.subscribe } as never;
    await expect(untilJobEnds(api, 'upload', JOB)).resolves.toEqual(done);

    const steps: number[] = [];
    const running = untilJobEnds<Jobs, 'upload'>(api, 'upload', 'c'.repeat(32), (p) =>
      steps.push(p.attempt),
    );
    hub.deliver('upload', {
      jobId: 'c'.repeat(32),
      event: { type: 'progress', data: uploadProgress(1) },
    });
    hub.deliver('upload', { jobId: 'c'.repeat(32), event: done });
    await expect(running).resolves.toEqual(done);
    expect(steps).toEqual([1]);
  });
});
