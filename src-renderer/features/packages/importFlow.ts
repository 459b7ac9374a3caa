// One package import as the user sees it, without React: start a job in main (from the open
// dialog, or by sending a dropped file's bytes in chunks), follow its events, write the verified
// package into Dexie page by page, and end with a summary, a refusal or an error. Cancel is
// honoured at every step: the write is one transaction that either happens completely or not at
// all, so a cancel while rows are written rolls it back and leaves the database as it was.
import type { Jobs, QihangApi } from '../../../src-shared/ipc/contract';
import { untilJobEnds, type JobEnd } from '../../../src-shared/ipc/events';
import {
  IMPORT_PAGE_ROWS,
  UPLOAD_CHUNK_BYTES,
  pagedTables,
  type ImportHead,
  type ImportPhase,
  type Importer,
  type PagedRow,
  type importJob,
} from '../../../src-shared/ipc/packages';
import type { IpcError } from '../../../src-shared/ipc/result';
import type { WorkstationDb } from '../../db/db';
import {
  ImportCancelledError,
  importPackageRows,
  type ImportOutcome,
  type ImportStage,
  type PackageSource,
} from '../../db/importPackage';
import { t } from '../../app/strings';

export type PackagesApi = QihangApi['packages'];
export type JobEvents = Pick<QihangApi['jobs'], 'subscribe'>;

export type ImportView =
  | { step: 'starting'; fileName?: string }
  | {
      step: 'running';
      fileName: string;
      phase: Exclude<ImportPhase, 'done' | 'failed' | 'cancelled'>;
      done: number;
      total: number;
      current?: string;
    }
  /**
   * `stage`, `done`/`total`: rows received, looked up or written so far and in all (or old rows
   * removed, for an update), after the first page. `share`: how far the whole row work is
   * (receiving, looking up and writing each count a third), so the bar never moves back when
   * the stage changes from page to page.
   */
  | {
      step: 'writing';
      fileName: string;
      stage?: ImportStage;
      done?: number;
      total?: number;
      share?: number;
      /** Rows written so far (what the dialog's line counts, whatever the stage). */
      written?: number;
    }
  | { step: 'finished'; fileName: string; title: string; outcome: ImportOutcome }
  | { step: 'failed'; fileName?: string; code: string; message: string; detail?: string }
  | { step: 'cancelled'; fileName?: string };

export type ImportSource = { kind: 'dialog' } | { kind: 'file'; file: Blob & { name: string } };

/** Handed to the UI: `cancel()` aborts whatever runs in main and stops the flow. */
export class ImportControl {
  cancelled = false;
  jobId: string | null = null;
  private readonly listeners: (() => void)[] = [];

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const l of this.listeners.splice(0)) l();
  }

  onCancel(listener: () => void): void {
    if (this.cancelled) listener();
    else this.listeners.push(listener);
  }
}

export interface ImportDeps {
  api: PackagesApi;
  /** Main's pushed job events (the preload's `api.jobs`). */
  jobs: JobEvents;
  db: WorkstationDb;
  importer: Importer;
}

/** Base64 without Buffer (the sandboxed page has none), in slices to keep the call stack small. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Checks a dropped selection before any byte is sent; null means "go ahead". */
export function checkDropped(files: readonly { name: string; size: number }[]): string | null {
  if (files.length !== 1) return t.packageImport.severalFiles;
  const [file] = files as [{ name: string; size: number }];
  if (!file.name.toLowerCase().endsWith('.qhpkg')) return t.packageImport.notQhpkg(file.name);
  if (file.size === 0) return t.packageImport.emptyFile(file.name);
  return null;
}

type Step = { ok: true } | { ok: false; view: ImportView };

async function upload(
  deps: ImportDeps,
  file: Blob & { name: string },
  control: ImportControl,
  show: (v: ImportView) => void,
): Promise<Step> {
  const begun = await deps.api.beginUpload({
    importer: deps.importer,
    fileName: file.name,
    size: file.size,
  });
  if (!begun.ok)
    return { ok: false, view: { step: 'failed', fileName: file.name, ...begun.error } };
  control.jobId = begun.value.jobId;
  // A chunk main is slow to write (a busy or slow disk) must not keep 取消 waiting for it: the
  // cancel has already told main to drop the upload, and a late answer is ignored.
  const cancelledWhileSending = new Promise<'cancelled'>((resolve) =>
    control.onCancel(() => resolve('cancelled')),
  );
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    if (control.cancelled) return { ok: false, view: { step: 'cancelled', fileName: file.name } };
    show({
      step: 'running',
      fileName: file.name,
      phase: 'uploading',
      done: offset,
      total: file.size,
    });
    const bytes = new Uint8Array(
      await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer(),
    );
    const sent = await Promise.race([
      deps.api.uploadChunk({ jobId: begun.value.jobId, offset, data: toBase64(bytes) }),
      cancelledWhileSending,
    ]);
    if (sent === 'cancelled')
      return { ok: false, view: { step: 'cancelled', fileName: file.name } };
    if (!sent.ok) {
      if (control.cancelled) return { ok: false, view: { step: 'cancelled', fileName: file.name } };
      return { ok: false, view: { step: 'failed', fileName: file.name, ...sent.error } };
    }
  }
  if (control.cancelled) return { ok: false, view: { step: 'cancelled', fileName: file.name } };
  const finished = await deps.api.finishUpload({ jobId: begun.value.jobId });
  if (!finished.ok) {
    return { ok: false, view: { step: 'failed', fileName: file.name, ...finished.error } };
  }
  return { ok: true };
}

/** Shows each progress event of the job until it ends; returns that end and the file's name. */
async function follow(
  deps: ImportDeps,
  jobId: string,
  show: (v: ImportView) => void,
): Promise<{ end: JobEnd<typeof importJob>; fileName?: string }> {
  let fileName: string | undefined;
  const end = await untilJobEnds<Jobs, 'import'>(deps.jobs, 'import', jobId, (p) => {
    fileName = p.fileName;
    if (p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled') return;
    show({
      step: 'running',
      fileName: p.fileName,
      phase: p.phase,
      done: p.done,
      total: p.total,
      ...(p.current !== undefined ? { current: p.current } : {}),
    });
  });
  return { end, ...(fileName !== undefined ? { fileName } : {}) };
}

/** Runs one import to its end and returns the last view (also passed to `show`); never throws. */
export async function runImport(
  deps: ImportDeps,
  source: ImportSource,
  control: ImportControl,
  show: (v: ImportView) => void,
): Promise<ImportView> {
  try {
    return await runSteps(deps, source, control, show);
  } catch (error) {
    // E.g. the dropped file was deleted while it was being read.
    if (control.jobId) void deps.api.cancelImport({ jobId: control.jobId });
    const view: ImportView = {
      step: 'failed',
      code: 'unexpected',
      message: t.packageImport.unexpected(error instanceof Error ? error.message : String(error)),
    };
    show(view);
    return view;
  }
}

async function runSteps(
  deps: ImportDeps,
  source: ImportSource,
  control: ImportControl,
  show: (v: ImportView) => void,
): Promise<ImportView> {
  const end = (v: ImportView) => (show(v), v);
  control.onCancel(() => {
    if (control.jobId) void deps.api.cancelImport({ jobId: control.jobId });
  });
  show({ step: 'starting', ...(source.kind === 'file' ? { fileName: source.file.name } : {}) });

  if (source.kind === 'dialog') {
    const started = await deps.api.chooseAndOpen({ importer: deps.importer });
    if (!started.ok) return end({ step: 'failed', ...started.error });
    if (started.value.jobId === null) return end({ step: 'cancelled' });
    control.jobId = started.value.jobId;
    // Cancelled while the dialog was open: the job has just started, stop it.
    if (control.cancelled) void deps.api.cancelImport({ jobId: started.value.jobId });
  } else {
    const uploaded = await upload(deps, source.file, control, show);
    if (!uploaded.ok) return end(uploaded.view);
  }

  const jobId = control.jobId as string;
  // 取消 ends the flow at once, whether or not main's cancelled event ever comes.
  const cancelled = new Promise<'cancelled'>((r) => control.onCancel(() => r('cancelled')));
  const followed = await Promise.race([follow(deps, jobId, show), cancelled]);
  if (followed === 'cancelled') return end({ step: 'cancelled' });
  const named = followed.fileName !== undefined ? { fileName: followed.fileName } : {};
  const ended = followed.end;
  if (ended.type === 'failed' || control.cancelled) {
    // Main keeps an ended job until told to forget it.
    void deps.api.cancelImport({ jobId });
    if (control.cancelled || ended.type === 'done' || ended.error.code === 'cancelled') {
      return end({ step: 'cancelled', ...named });
    }
    const { code, message, detail } = ended.error;
    return end({ step: 'failed', ...named, code, message, ...(detail ? { detail } : {}) });
  }
  const last = ended.data;
  // The head crosses once, here; the rows follow in pages while they are written.
  const taken = await deps.api.takeImportResult({ jobId });
  if (!taken.ok) return end({ step: 'failed', fileName: last.fileName, ...taken.error });
  if (control.cancelled) return end({ step: 'cancelled', fileName: last.fileName });
  const head = taken.value;
  const rows = pagesFromMain(deps.api, jobId, head);
  show({ step: 'writing', fileName: last.fileName });
  const done: Record<ImportStage, number> = { clearing: 0, receiving: 0, checking: 0, writing: 0 };
  const onProgress = (stage: ImportStage, n: number, total: number) => {
    done[stage] = n;
    const rows = stage !== 'clearing';
    const share = rows
      ? (done.receiving + done.checking + done.writing) / (3 * Math.max(total, 1))
      : n / Math.max(total, 1);
    show({
      step: 'writing',
      fileName: last.fileName,
      stage,
      done: n,
      total,
      share,
      written: done.writing,
    });
  };
  try {
    const outcome = await importPackageRows(deps.db, rows, {
      onProgress,
      cancelled: () => control.cancelled,
    });
    // An unchanged or refused package leaves rows in main: tell it to forget them now.
    if (!rows.handedOver()) void deps.api.cancelImport({ jobId });
    return end({ step: 'finished', fileName: last.fileName, title: head.manifest.title, outcome });
  } catch (error) {
    if (control.cancelled || error instanceof ImportCancelledError) {
      return end({ step: 'cancelled', fileName: last.fileName });
    }
    if (!rows.handedOver()) void deps.api.cancelImport({ jobId });
    if (error instanceof PageRefused) {
      return end({ step: 'failed', fileName: last.fileName, ...error.error });
    }
    return end({
      step: 'failed',
      fileName: last.fileName,
      code: 'db-write-failed',
      message: t.packageImport.writeFailed(error instanceof Error ? error.message : String(error)),
    });
  }
}

/** Main refused a page (the job was forgotten, a page out of order…): its code and message. */
class PageRefused extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

/**
 * The verified rows as main hands them over (packages:takeImportRows), one bounded page per
 * call; `handedOver` says whether main has sent the last one and forgotten the job.
 */
function pagesFromMain(
  api: PackagesApi,
  jobId: string,
  head: ImportHead,
): PackageSource & { handedOver(): boolean } {
  // Main forgets a result without rows as it hands over the head.
  let over = pagedTables.every((t) => head.counts[t] === 0);
  return {
    head,
    handedOver: () => over,
    page: async <T extends (typeof pagedTables)[number]>(table: T, offset: number) => {
      const page = await api.takeImportRows({ jobId, table, offset, limit: IMPORT_PAGE_ROWS });
      if (!page.ok) throw new PageRefused(page.error);
      if (page.value.table !== table) {
        throw new PageRefused({
          code: 'page-out-of-order',
          message: `读取导入数据时收到 ${page.value.table} 的数据，应为 ${table}，已停止`,
        });
      }
      if (page.value.done) over = true;
      return page.value.rows as PagedRow<T>[];
    },
  };
}

/**
 * What to do about a package signed by a key this user does not trust, by who imports: a demo
 * user, an enrolled user, or one not yet enrolled (`enrolled` is null while that is being asked).
 */
export function untrustedHints(demo: boolean, enrolled: boolean | null): Record<string, string> {
  const u = t.packageImport.untrusted;
  if (demo) return { 'untrusted-signer': u.demo };
  if (enrolled === null) return {};
  return { 'untrusted-signer': enrolled ? u.enrolled : u.notEnrolled };
}

/**
 * How often at most the dialog shows a new row count. The rows report after every slice, tens
 * of times a second, and each view re-renders the dialog (React, then style, layout and paint):
 * profiled at 40,000 trainees that was about a quarter of the page's CPU time in the row stages,
 * spent on counts nobody can read at that rate.
 */
export const ROW_PROGRESS_MS = 100;

/**
 * Passes views on to `show`, but row progress (step 'writing') at most once per `minMs`: a
 * count that comes sooner waits, and only the newest waiting one is shown. Any other view (a
 * step from main, the end) is shown at once and drops the waiting count, so a late count can
 * never replace the summary. `dispose` drops it too.
 */
export function paceRowProgress(
  show: (v: ImportView) => void,
  minMs = ROW_PROGRESS_MS,
  now: () => number = () => performance.now(),
): { show: (v: ImportView) => void; dispose: () => void } {
  let shownAt = -Infinity;
  let waiting: ImportView | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const drop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    waiting = null;
  };
  const flush = () => {
    timer = null;
    const v = waiting;
    waiting = null;
    if (v) {
      shownAt = now();
      show(v);
    }
  };
  return {
    show: (v) => {
      if (v.step !== 'writing') {
        drop();
        show(v);
        return;
      }
      const wait = shownAt + minMs - now();
      if (wait <= 0 && timer === null) {
        shownAt = now();
        show(v);
        return;
      }
      waiting = v;
      timer ??= setTimeout(flush, Math.max(0, wait));
    },
    dispose: drop,
  };
}
