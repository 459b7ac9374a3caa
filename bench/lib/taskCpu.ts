// Tells a task the page kept busy from one the machine kept waiting. The long-task probe sees
// wall time only; on a loaded machine a thread that is ready to run waits for a core, and a
// task that needs 5 ms of CPU then reports 300 ms. A Chrome trace of the 'toplevel' category
// gives each task of the renderer's main thread both: its wall time and its thread CPU time.
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskTimes {
  /** Top-level tasks of the page's main thread while traced. */
  tasks: number;
  /** The task longest in wall time, and the CPU time it used. */
  longestWall: { wallMs: number; cpuMs: number };
  /** The task that used the most CPU time, and its wall time. */
  mostCpu: { wallMs: number; cpuMs: number };
  /** Tasks of 200 ms or more wall time, and how many of them used 50 ms of CPU or more. */
  over200Wall: number;
  over200WallBusy: number;
  /** All tasks' CPU time over their wall time. */
  cpuShare: number;
}

export class TaskTracer {
  private readonly events: TraceEvent[] = [];
  private constructor(private readonly cdp: CDPSession) {}

  static async start(page: Page): Promise<TaskTracer> {
    const cdp = await page.context().newCDPSession(page);
    const tracer = new TaskTracer(cdp);
    cdp.on('Tracing.dataCollected', (e) => {
      // The protocol types trace events as maps of strings; they carry numbers and objects.
      for (const v of e.value as unknown as TraceEvent[]) {
        if (v.ph === 'M' || (v.ph === 'X' && v.name === 'ThreadControllerImpl::RunTask')) {
          tracer.events.push(v);
        }
      }
    });
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel'], recordMode: 'recordContinuously' },
      transferMode: 'ReportEvents',
    });
    return tracer;
  }

  async stop(): Promise<TaskTimes> {
    const complete = new Promise<void>((resolve) =>
      this.cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await this.cdp.send('Tracing.end');
    await complete;
    await this.cdp.detach();
    return summarize(this.events);
  }
}

function summarize(events: TraceEvent[]): TaskTimes {
  const renderers = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  // The page's renderer is the busiest one (an extension-less harness has one, but be sure).
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !renderers.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const busiest = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Nested run loops report a task inside a task: keep the outermost.
  const top: { wall: number; cpu: number }[] = [];
  let end = -Infinity;
  for (const e of busiest) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    top.push({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 });
  }
  const ms = (t: { wall: number; cpu: number } | undefined) => ({
    wallMs: Math.round(t?.wall ?? 0),
    cpuMs: Math.round(t?.cpu ?? 0),
  });
  const longest = top.reduce<(typeof top)[number] | undefined>(
    (m, t) => (!m || t.wall > m.wall ? t : m),
    undefined,
  );
  const busy = top.reduce<(typeof top)[number] | undefined>(
    (m, t) => (!m || t.cpu > m.cpu ? t : m),
    undefined,
  );
  const long = top.filter((t) => t.wall >= 200);
  const wall = top.reduce((n, t) => n + t.wall, 0);
  const cpu = top.reduce((n, t) => n + t.cpu, 0);
  return {
    tasks: top.length,
    longestWall: ms(longest),
    mostCpu: ms(busy),
    over200Wall: long.length,
    over200WallBusy: long.filter((t) => t.cpu >= 50).length,
    cpuShare: wall > 0 ? Math.round((cpu / wall) * 100) / 100 : 0,
  };
}
