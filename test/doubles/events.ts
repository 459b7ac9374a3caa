// The page's end of job events for tests of main's handlers: what main sends goes through the
// preload's schema-checking hub, so a handler that sends a malformed event fails the test.
import { jobs, type Jobs } from '../../src-shared/ipc/contract';
import { createJobHub, untilJobEnds, type JobEvent } from '../../src-shared/ipc/events';
import type { SendEvent } from '../../src-main/ipc/jobEvents';

export function recordedEvents() {
  const sent: { channel: string; message: unknown }[] = [];
  const hub = createJobHub(jobs, (channel, reason) => {
    throw new Error(`main sent a malformed event on ${channel}: ${reason}`);
  });
  const send: SendEvent = (channel, message) => {
    sent.push({ channel, message });
    hub.deliver(channel.replace(/^job:/, ''), message);
  };
  const subscribe = (kind: string, jobId: string, handler: (e: JobEvent) => void) =>
    hub.subscribe(kind, jobId, handler);
  return {
    send,
    sent,
    /** The job's end, passing each progress snapshot to `onProgress`. */
    until<K extends keyof Jobs & string>(
      kind: K,
      jobId: string,
      onProgress?: Parameters<typeof untilJobEnds<Jobs, K>>[3],
    ) {
      return untilJobEnds<Jobs, K>({ subscribe } as never, kind, jobId, onProgress);
    },
  };
}
