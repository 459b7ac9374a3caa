// Import jobs: verifying a package can take minutes, so the renderer starts a job, polls its
// status and may cancel it. A dropped file arrives in chunks first (a sandboxed page has no
// file paths) and is written to a temporary file that the same verification then reads; the
// temporary file is removed however the job ends.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { TrustedKeys } from '../crypto/ed25519';
import { DEFAULT_PACKAGE_LIMITS } from './limits';
import type { ImportProgress, OpenPackageOptions, OpenPackageResult, VerifiedFile } from './open';
import type { WorkPackageManifest } from '../../../src-shared/records/records';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import type { Failure } from '../../../src-shared/failure';
import {
  IMPORT_PAGE_CHARS,
  IMPORT_PAGE_ROWS,
  importHeadOf,
  pagedRowsOf,
  pagedTables,
  type ImportHead,
  type PagedRow,
  type PagedTable,
  type VerifiedPackage,
} from '../../../src-shared/ipc/packages';

export type JobPhase =
  'uploading' | 'signature' | 'files' | 'external' | 'done' | 'failed' | 'cancelled';

export interface JobResult {
  manifest: WorkPackageManifest;
  envelopeHash: string;
  signedBy: string[];
  /** Keys the signers succeed by signed rotation (see services/packages/trust.ts). */
  signerPredecessors: string[];
  files: VerifiedFile[];
  policyPacks: PolicyPack[];
}

export interface JobStatus {
  jobId: string;
  fileName: string;
  phase: JobPhase;
  done: number;
  total: number;
  current?: string;
  error?: { code: string; message: string; detail?: string };
}

export type JobError = Failure;

export interface JobsOptions {
  /** Folder for uploaded packages (created on demand). */
  uploadDir: string;
  open: (path: string, options: OpenPackageOptions) => Promise<OpenPackageResult>;
  /**
   * Runs after a package verified and before its job reports done (and before an upload's
   * temporary file is removed): main keeps a copy in the verified package store here.
   */
  keep?: (packagePath: string, result: JobResult) => Promise<{ ok: true } | JobError>;
  /** Largest upload accepted: the package limits plus room for the envelope. */
  maxUploadBytes?: number;
  newId?: () => string;
  /** Called after every change of a job's status (bytes, phase, its end). */
  onChange?: (jobId: string) => void;
  /**
   * How long a result whose head was taken waits for its next page before it is forgotten (a
   * page that reloaded or crashed mid-import never asks again).
   */
  handoverIdleMs?: number;
}

/** Where the hand-over of a verified result stands: the next table and row the page may ask. */
interface Handover {
  table: number;
  offset: number;
  counts: ImportHead['counts'];
  timer?: ReturnType<typeof setTimeout>;
}

interface Upload {
  size: number;
  received: number;
  handle: FileHandle;
  busy: boolean;
}

/** Which keys the package's signers succeed, from the importing profile's trust store. */
export type SignerPredecessors = (signedBy: readonly string[]) => string[];
const noPredecessors: SignerPredecessors = () => [];

interface Job extends JobStatus {
  /** Once verified: kept until take() hands it over. */
  result?: JobResult;
  controller: AbortController;
  keys: TrustedKeys;
  predecessors: SignerPredecessors;
  externalMediaDirs: string[];
  tempPath?: string;
  tempDir?: string;
  upload?: Upload;
  /** Settles when the job has stopped touching files (for tests and shutdown). */
  settled: Promise<void>;
  /** Set once the head was taken: the rows are handed over in order from here. */
  handover?: Handover;
}

const TERMINAL: ReadonlySet<JobPhase> = new Set(['done', 'failed', 'cancelled']);
const KEEP_FINISHED = 4;
/** Two minutes: a page takes well under a second to write, so only an abandoned import waits. */
export const HANDOVER_IDLE_MS = 120_000;

const unknownJob: JobError = {
  ok: false,
  code: 'unknown-job',
  message: '找不到这个导入任务（可能已结束、已取消、等待超时或应用已重启），请重新导入',
};

/**
 * The rows of one page: from `offset`, at most `limit` rows and at most IMPORT_PAGE_CHARS of
 * JSON, but always one row when any is left, so a page always moves forward.
 */
export function pageOf<T>(rows: readonly T[], offset: number, limit: number): T[] {
  const out: T[] = [];
  let chars = 0;
  for (let i = offset; i < rows.length && out.length < Math.min(limit, IMPORT_PAGE_ROWS); i++) {
    const size = JSON.stringify(rows[i]).length;
    if (out.length > 0 && chars + size > IMPORT_PAGE_CHARS) break;
    chars += size;
    out.push(rows[i] as T);
  }
  return out;
}

/** A failure as the job keeps it: the sentence, and the key id or such for 详情 when there is one. */
function withDetail(f: { code: string; message: string; detail?: string }): Job['error'] {
  return f.detail === undefined
    ? { code: f.code, message: f.message }
    : { code: f.code, message: f.message, detail: f.detail };
}

function ioMessage(fileName: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return `接收工作包“${fileName}”时磁盘空间不足，未导入`;
  return `接收工作包“${fileName}”时写入临时文件失败：${(error as Error)?.message ?? String(error)}`;
}

/** One path segment that is safe on every platform, keeping Chinese names readable. */
export function safeSegment(name: string): string {
  const replaced = [...name]
    .map((ch) =>
      ch.charCodeAt(0) < 0x20 || ch === '\u007f' || '<>:"/\\|?*'.includes(ch) ? '_' : ch,
    )
    .join('')
    .replace(/[. ]+$/, '')
    .slice(0, 200);
  if (replaced === '' || /^\.+$/.test(replaced)) return 'dropped.qhpkg';
  // Windows reserves device names whatever the extension.
  return /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(replaced) ? `_${replaced}` : replaced;
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly maxUpload: number;
  private readonly newId: () => string;

  constructor(private readonly options: JobsOptions) {
    this.maxUpload =
      options.maxUploadBytes ??
      DEFAULT_PACKAGE_LIMITS.maxTotalBytes + DEFAULT_PACKAGE_LIMITS.maxEnvelopeBytes;
    this.newId = options.newId ?? (() => randomBytes(16).toString('hex'));
  }

  /** Verifies a package already on disk (chosen in the open dialog). */
  startFile(
    filePath: string,
    keys: TrustedKeys,
    externalMediaDirs: string[],
    predecessors: SignerPredecessors = noPredecessors,
  ): { ok: true; jobId: string } {
    const job = this.create(path.basename(filePath), keys, externalMediaDirs, 'signature');
    job.predecessors = predecessors;
    this.verify(job, filePath);
    return { ok: true, jobId: job.jobId };
  }

  async beginUpload(
    fileName: string,
    size: number,
    keys: TrustedKeys,
    externalMediaDirs: string[],
    predecessors: SignerPredecessors = noPredecessors,
  ): Promise<{ ok: true; jobId: string } | JobError> {
    const name = path.basename(fileName.replaceAll('\\', '/'));
    if (size > this.maxUpload) {
      return {
        ok: false,
        code: 'upload-too-large',
        message: `工作包“${name}”有 ${size} 字节，超过可接收的上限 ${this.maxUpload} 字节，已拒绝`,
      };
    }
    const job = this.create(name, keys, externalMediaDirs, 'uploading');
    job.predecessors = predecessors;
    job.total = size;
    // A folder of our own per job, holding the file under the dropped name so every error
    // message names the file the user knows; the name is reduced to one safe segment, so
    // nothing the page sends chooses where on disk the bytes go.
    const jobDir = path.join(this.options.uploadDir, job.jobId);
    const tempPath = path.join(jobDir, safeSegment(name));
    job.tempDir = jobDir;
    await this.sweepStale();
    try {
      await mkdir(jobDir, { recursive: true });
      job.upload = { size, received: 0, handle: await open(tempPath, 'wx'), busy: false };
      job.tempPath = tempPath;
    } catch (error) {
      this.finish(job, 'failed', { code: 'io-error', message: ioMessage(name, error) });
      return { ok: false, code: 'io-error', message: ioMessage(name, error) };
    }
    return { ok: true, jobId: job.jobId };
  }

  async uploadChunk(
    jobId: string,
    offset: number,
    bytes: Uint8Array,
  ): Promise<{ ok: true; received: number } | JobError> {
    const job = this.jobs.get(jobId);
    const upload = job?.upload;
    if (!job || !upload || job.phase !== 'uploading') return unknownJob;
    const refuse = (code: string, message: string): JobError => {
      this.abandonUpload(job, { code, message });
      return { ok: false, code, message };
    };
    if (upload.busy || offset !== upload.received) {
      return refuse(
        'upload-out-of-order',
        `接收工作包“${job.fileName}”时数据顺序错乱（期望位置 ${upload.received}，收到 ${offset}），请重新拖入`,
      );
    }
    if (upload.received + bytes.length > upload.size) {
      return refuse(
        'upload-too-long',
        `接收工作包“${job.fileName}”时收到的数据超过声明的 ${upload.size} 字节，请重新拖入`,
      );
    }
    upload.busy = true;
    try {
      await upload.handle.write(bytes, 0, bytes.length, offset);
    } catch (error) {
      return refuse('io-error', ioMessage(job.fileName, error));
    } finally {
      upload.busy = false;
    }
    // Cancelled while the write was in flight: the file is already being removed.
    if (job.phase !== 'uploading') return unknownJob;
    upload.received += bytes.length;
    job.done = upload.received;
    this.changed(job);
    return { ok: true, received: upload.received };
  }

  async finishUpload(jobId: string): Promise<{ ok: true; jobId: string } | JobError> {
    const job = this.jobs.get(jobId);
    const upload = job?.upload;
    if (!job || !upload || job.phase !== 'uploading' || !job.tempPath) return unknownJob;
    if (upload.received !== upload.size) {
      const message = `工作包“${job.fileName}”只收到 ${upload.received} / ${upload.size} 字节，传输不完整，请重新拖入`;
      this.abandonUpload(job, { code: 'upload-incomplete', message });
      return { ok: false, code: 'upload-incomplete', message };
    }
    try {
      await upload.handle.close();
    } catch (error) {
      const message = ioMessage(job.fileName, error);
      this.abandonUpload(job, { code: 'io-error', message });
      return { ok: false, code: 'io-error', message };
    }
    job.upload = undefined;
    job.phase = 'signature';
    job.done = 0;
    job.total = 0;
    this.changed(job);
    this.verify(job, job.tempPath);
    return { ok: true, jobId };
  }

  status(jobId: string): { ok: true; status: JobStatus } | JobError {
    const job = this.jobs.get(jobId);
    if (!job) return unknownJob;
    // Never the result: a progress poll stays a few hundred bytes however big the package is
    // (a 200,000-trainee manifest is ~30 MB); take() hands the result over once.
    const { jobId: id, fileName, phase, done, total, current, error } = job;
    return {
      ok: true,
      status: {
        jobId: id,
        fileName,
        phase,
        done,
        total,
        ...(current !== undefined ? { current } : {}),
        ...(error ? { error } : {}),
      },
    };
  }

  /**
   * The head of a finished job's verified package (everything but the record arrays and the
   * file list, with their counts), handed over once; the rows follow page by page (takeRows).
   * A result with no rows at all is forgotten at once.
   */
  take(jobId: string): { ok: true; head: ImportHead } | JobError {
    const job = this.jobs.get(jobId);
    if (!job) return unknownJob;
    if (job.phase !== 'done' || !job.result) {
      return { ok: false, code: 'job-not-done', message: '导入任务尚未完成校验，还没有结果可取' };
    }
    if (job.handover) {
      return {
        ok: false,
        code: 'head-taken',
        message: `工作包“${job.fileName}”的校验结果已经交出，不能再取一次，请重新导入`,
      };
    }
    const head = importHeadOf(job.result as VerifiedPackage);
    job.handover = { table: 0, offset: 0, counts: head.counts };
    this.skipEmpty(job);
    return { ok: true, head };
  }

  /**
   * The next page of `table` from `offset`. Pages go in table order and, within a table, each
   * starts where the last ended; asking for a later table gives up the rest of the current one
   * (an unchanged package only needs its files). Anything else is a page out of order, which
   * ends the hand-over: the page has lost track, and a guess would store the wrong rows.
   */
  takeRows<T extends PagedTable>(
    jobId: string,
    table: T,
    offset: number,
    limit: number,
  ): { ok: true; rows: PagedRow<T>[]; done: boolean } | JobError {
    const job = this.jobs.get(jobId);
    if (!job) return unknownJob;
    const result = job.result;
    const at = job.handover;
    if (!result || !at) {
      return {
        ok: false,
        code: 'head-not-taken',
        message: `工作包“${job.fileName}”的校验结果还没有交出（先取结果概要），不能按页读取`,
      };
    }
    const wanted = pagedTables.indexOf(table);
    const inOrder =
      (wanted === at.table && offset === at.offset) || (wanted > at.table && offset === 0);
    if (!inOrder) {
      const expected = pagedTables[at.table] ?? '（已读完）';
      this.forget(job);
      return {
        ok: false,
        code: 'page-out-of-order',
        message: `读取工作包“${job.fileName}”的数据时顺序错乱（应读 ${expected} 第 ${at.offset} 条起，收到 ${table} 第 ${offset} 条起），已停止，请重新导入`,
      };
    }
    const rows = pageOf(pagedRowsOf(result as VerifiedPackage, table), offset, limit);
    at.table = wanted;
    at.offset = offset + rows.length;
    const done = this.skipEmpty(job);
    return { ok: true, rows, done };
  }

  /**
   * Moves the hand-over past tables already read to their end and past empty ones; when none
   * is left the job is forgotten (true), else its idle timer starts again.
   */
  private skipEmpty(job: Job): boolean {
    const at = job.handover as Handover;
    while (at.table < pagedTables.length) {
      const name = pagedTables[at.table] as PagedTable;
      if (at.offset < at.counts[name]) break;
      at.table += 1;
      at.offset = 0;
    }
    if (at.table >= pagedTables.length) {
      this.forget(job);
      return true;
    }
    if (at.timer) clearTimeout(at.timer);
    at.timer = setTimeout(() => this.forget(job), this.options.handoverIdleMs ?? HANDOVER_IDLE_MS);
    at.timer.unref?.();
    return false;
  }

  /** Drops a job and whatever it holds (a verified result, its hand-over timer). */
  private forget(job: Job): void {
    if (job.handover?.timer) clearTimeout(job.handover.timer);
    if (this.jobs.get(job.jobId) === job) this.jobs.delete(job.jobId);
  }

  /** Aborts a running job; a finished one is only forgotten. False when it was already over. */
  cancel(jobId: string): { ok: true; cancelled: boolean } | JobError {
    const job = this.jobs.get(jobId);
    if (!job) return unknownJob;
    if (TERMINAL.has(job.phase)) {
      this.forget(job);
      return { ok: true, cancelled: false };
    }
    this.abort(job);
    return { ok: true, cancelled: true };
  }

  /** Resolves when the job has released its files (tests wait on it). */
  settled(jobId: string): Promise<void> {
    return this.jobs.get(jobId)?.settled ?? Promise.resolve();
  }

  private create(
    fileName: string,
    keys: TrustedKeys,
    externalMediaDirs: string[],
    phase: JobPhase,
  ): Job {
    // One import at a time: the page shows it in a modal, so an unfinished job here was left
    // behind by a reload or a crash of the page and would otherwise hold its temp file forever.
    for (const other of this.jobs.values()) if (!TERMINAL.has(other.phase)) this.abort(other);
    const finished = [...this.jobs.values()].filter((j) => TERMINAL.has(j.phase));
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED + 1))) {
      this.forget(old);
    }
    const job: Job = {
      jobId: this.newId(),
      fileName,
      phase,
      done: 0,
      total: 0,
      controller: new AbortController(),
      keys,
      predecessors: noPredecessors,
      externalMediaDirs,
      settled: Promise.resolve(),
    };
    this.jobs.set(job.jobId, job);
    return job;
  }

  private verify(job: Job, filePath: string): void {
    const onProgress = (p: ImportProgress) => {
      if (TERMINAL.has(job.phase)) return;
      job.phase = p.phase;
      job.done = p.bytesDone;
      job.total = p.bytesTotal;
      job.current = p.path;
      this.changed(job);
    };
    job.settled = this.options
      .open(filePath, {
        trustedKeys: job.keys,
        signal: job.controller.signal,
        onProgress,
        externalMediaDirs: job.externalMediaDirs,
      })
      .then(
        async (opened) => {
          if (job.phase === 'cancelled') return;
          if (opened.ok) {
            const result: JobResult = {
              manifest: opened.manifest,
              envelopeHash: opened.envelopeHash,
              signedBy: opened.signedBy,
              signerPredecessors: job.predecessors(opened.signedBy),
              files: opened.files,
              policyPacks: opened.policyPacks,
            };
            const kept = this.options.keep ? await this.options.keep(filePath, result) : null;
            if (kept && !kept.ok) {
              this.finish(job, 'failed', withDetail(kept));
              return;
            }
            job.result = result;
            this.finish(job, 'done');
          } else {
            this.finish(
              job,
              opened.code === 'cancelled' ? 'cancelled' : 'failed',
              withDetail(opened),
            );
          }
        },
        (error: unknown) => {
          this.finish(job, 'failed', {
            code: 'io-error',
            message: `校验工作包“${job.fileName}”时出错：${(error as Error)?.message ?? String(error)}`,
          });
        },
      )
      .then(() => this.removeTemp(job));
  }

  private abort(job: Job): void {
    if (job.upload) {
      this.abandonUpload(job, {
        code: 'cancelled',
        message: `已取消导入工作包“${job.fileName}”`,
      });
      return;
    }
    job.controller.abort();
    this.finish(job, 'cancelled', {
      code: 'cancelled',
      message: `已取消导入工作包“${job.fileName}”`,
    });
  }

  private abandonUpload(job: Job, error: { code: string; message: string }): void {
    const upload = job.upload;
    job.upload = undefined;
    this.finish(job, error.code === 'cancelled' ? 'cancelled' : 'failed', error);
    job.settled = (upload ? upload.handle.close().catch(() => undefined) : Promise.resolve()).then(
      () => this.removeTemp(job),
    );
  }

  private finish(job: Job, phase: JobPhase, error?: Job['error']): void {
    if (TERMINAL.has(job.phase)) return;
    job.phase = phase;
    job.current = undefined;
    if (error) job.error = error;
    this.changed(job);
  }

  private changed(job: Job): void {
    this.options.onChange?.(job.jobId);
  }

  /** Uploads left behind by a crash or a killed app: any folder no live job owns. */
  private async sweepStale(): Promise<void> {
    const owned = new Set([...this.jobs.values()].map((j) => j.tempDir).filter(Boolean));
    let names: string[];
    try {
      names = await readdir(this.options.uploadDir);
    } catch {
      return;
    }
    for (const name of names) {
      const dir = path.join(this.options.uploadDir, name);
      if (!owned.has(dir)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private async removeTemp(job: Job): Promise<void> {
    const temp = job.tempDir;
    job.tempPath = undefined;
    job.tempDir = undefined;
    if (temp) await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}
