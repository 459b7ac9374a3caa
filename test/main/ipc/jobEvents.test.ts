// Main's job-event emitter: checked against the contract before sending, progress thinned to
// one per interval (the latest wins), the end sent at once and nothing after it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJobEmitter } from '../../../src-main/ipc/jobEvents';

const JOB = 'a'.repeat(32);
const progress = (attempt: number) => ({
  active: true,
  attempt,
  maxAttempts: 6,
  lastError: null,
  nextRetryAt: null,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const sent: { channel: string; message: unknown }[] = [];
  const refused: string[] = [];
  const events = createJobEmitter((channel, message) => sent.push({ channel, message }), {
    throttleMs: 100,
    onRefused: (channel, reason) => refused.push(`${channel} ${reason}`),
  });
  const types = () =>
    sent.map(({ message }) => {
      const e = (message as { event: { type: string; data?: { attempt?: number } } }).event;
      return e.type === 'progress' ? `progress ${e.data?.attempt}` : e.type;
    });
  return { sent, refused, events, types };
}

describe('job events from main', () => {
  it('sends on the job kind’s channel, the first progress at once and then the latest per interval', () => {
    const { sent, events, types } = setup();
    events.progress('upload', JOB, progress(0));
    events.progress('upload', JOB, progress(1));
    events.progress('upload', JOB, progress(2));
    expect(types()).toEqual(['progress 0']);
    vi.advanceTimersByTime(100);
    expect(types()).toEqual(['progress 0', 'progress 2']);
    expect(sent[0]).toMatchObject({ channel: 'job:upload', message: { jobId: JOB } });
  });

  it('flushes waiting progress before the end, and sends nothing of the job after it', () => {
    const { events, types } = setup();
    events.progress('upload', JOB, progress(0));
    events.progress('upload', JOB, progress(3));
    events.failed('upload', JOB, { code: 'http-500', message: '已重试 6 次' });
    events.progress('upload', JOB, progress(4));
    events.done('upload', JOB, {
      receiptId: 'r-1',
      bundleId: 'b-1',
      counter: 1,
      acceptedRecordIds: [],
      sentRecordIds: [],
      alreadyAcknowledged: false,
      attempts: 1,
    });
    vi.advanceTimersByTime(500);
    expect(types()).toEqual(['progress 0', 'progress 3', 'failed']);
  });

  it('refuses an event its job’s schema does not allow, and sends nothing', () => {
    const { sent, refused, events } = setup();
    events.progress('upload', JOB, { ...progress(1), attempt: -1 });
    events.done('media', JOB, { jobId: JOB } as never);
    expect(sent).toEqual([]);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/^job:upload 任务事件格式不正确（event\.data\.attempt）/);
  });
});
