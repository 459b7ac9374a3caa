// Attaching a media folder: find every declared file (by manifest path, then by size), verify
// it by SHA-256 in a worker, and keep the result per profile. All job state lives here, in one
// object, so the renderer's polling (or a later push channel) reads one place. Only a file whose
// hash matched is added to VerifiedMedia, the set the app:// handler serves.
import { randomBytes } from 'node:crypto';
import {
  mediaUrlPath,
  type ExpectedMedia,
  type MediaFileStatus,
  type MediaJobState,
  type MediaProgress,
  type MediaStatus,
} from '../../../src-shared/ipc/media';
import { sniffCodec } from './codec';
import { scanFolder, type ScannedFile } from './folderScan';
import { HashWorker } from './hashWorker';
import { VerifiedCache, verifiedCacheFile } from './verifiedCache';
import type { VerifiedMedia } from './verifiedMedia';
import type { Failure } from '../../../src-shared/failure';

export type MediaError = Failure;

const VIDEO_KINDS = new Set<ExpectedMedia['kind']>(['video', 'clip', 'course-package']);
/** The cache is saved at most this often while a job runs (and always when it ends). */
const CACHE_SAVE_MS = 2000;
const KEEP_FINISHED_JOBS = 8;

interface Job {
  jobId: string;
  profileId: string;
  state: MediaJobState;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  filesFromCache: number;
  current?: string;
  error?: { code: string; message: string };
  worker?: HashWorker;
  cancelled: boolean;
  settled: Promise<void>;
}

interface Attached {
  folder: string;
  jobId: string;
  files: MediaFileStatus[];
  extra: { path: string; size: number }[];
}

export interface MediaJobsOptions {
  verified: VerifiedMedia;
  /** Folder for the per-profile verified caches (under the workstation's data folder). */
  cacheDir: string;
  newId?: () => string;
  now?: () => number;
  /** Bench and tests may pick the read size. */
  chunkBytes?: number;
  /** Called after every change of a job's progress (bytes, files, its end). */
  onChange?: (jobId: string) => void;
}

const unknownJob: MediaError = {
  ok: false,
  code: 'unknown-job',
  message: '找不到这个媒体校验任务（可能已结束或应用已重启），请重新挂载媒体文件夹',
};

function pendingStatus(file: ExpectedMedia): MediaFileStatus {
  return {
    fileId: file.fileId,
    sha256: file.sha256,
    size: file.size,
    kind: file.kind,
    path: file.path,
    state: 'pending',
  };
}

export class MediaJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly attached = new Map<string, Attached>();
  private readonly newId: () => string;
  private readonly now: () => number;

  constructor(private readonly options: MediaJobsOptions) {
    this.newId = options.newId ?? (() => randomBytes(16).toString('hex'));
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts verifying `files` in `folder` for a profile. A new attach replaces the profile's
   * previous one: its job is stopped and what it verified is no longer served.
   */
  start(profileId: string, folder: string, files: ExpectedMedia[]): { jobId: string } {
    const previous = this.attached.get(profileId);
    if (previous) this.cancel(previous.jobId);
    this.options.verified.forgetProfile(profileId);

    const jobId = this.newId();
    const job: Job = {
      jobId,
      profileId,
      state: 'running',
      bytesDone: 0,
      bytesTotal: 0,
      filesDone: 0,
      filesTotal: files.length,
      filesFromCache: 0,
      cancelled: false,
      settled: Promise.resolve(),
    };
    this.jobs.set(jobId, job);
    this.attached.set(profileId, { folder, jobId, files: files.map(pendingStatus), extra: [] });
    job.settled = this.run(job, folder, files)
      .catch((error: unknown) => {
        if (job.state === 'running') {
          job.state = 'failed';
          job.error = {
            code: 'media-failed',
            message: `校验媒体文件夹“${folder}”时出错：${error instanceof Error ? error.message : String(error)}`,
          };
        }
      })
      // Its end is told once the worker has stopped and the cache is saved.
      .finally(() => this.changed(job));
    this.trimFinished();
    return { jobId };
  }

  progress(jobId: string): { ok: true; progress: MediaProgress } | MediaError {
    const job = this.jobs.get(jobId);
    if (!job) return unknownJob;
    return {
      ok: true,
      progress: {
        jobId,
        state: job.state,
        bytesDone: job.bytesDone,
        bytesTotal: Math.max(job.bytesTotal, job.bytesDone),
        filesDone: job.filesDone,
        filesTotal: job.filesTotal,
        filesFromCache: job.filesFromCache,
        ...(job.current !== undefined ? { current: job.current } : {}),
        ...(job.error ? { error: job.error } : {}),
      },
    };
  }

  cancel(jobId: string): { ok: true; cancelled: boolean } | MediaError {
    const job = this.jobs.get(jobId);
    if (!job) return unknownJob;
    if (job.state !== 'running') return { ok: true, cancelled: false };
    job.cancelled = true;
    job.state = 'cancelled';
    delete job.current;
    void job.worker?.stop();
    this.changed(job);
    return { ok: true, cancelled: true };
  }

  status(profileId: string): MediaStatus {
    const attached = this.attached.get(profileId);
    if (!attached) return { folder: null, jobId: null, files: [], extra: [] };
    return {
      folder: attached.folder,
      jobId: attached.jobId,
      files: attached.files.map((f) => ({ ...f })),
      extra: [...attached.extra],
    };
  }

  /** Resolves when the job has stopped touching files (tests, shutdown). */
  settled(jobId: string): Promise<void> {
    return this.jobs.get(jobId)?.settled ?? Promise.resolve();
  }

  private changed(job: Job): void {
    this.options.onChange?.(job.jobId);
  }

  private trimFinished(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS))) {
      const current = this.attached.get(job.profileId);
      if (current?.jobId !== job.jobId) this.jobs.delete(job.jobId);
    }
  }

  private async run(job: Job, folder: string, files: ExpectedMedia[]): Promise<void> {
    const attached = this.attached.get(job.profileId)!;
    const scan = await scanFolder(folder);
    if (job.cancelled) return;
    const cache = await VerifiedCache.open(verifiedCacheFile(this.options.cacheDir, job.profileId));
    const byPath = new Map(scan.files.map((f) => [f.relPath, f]));
    const bySize = new Map<number, ScannedFile[]>();
    for (const f of scan.files) bySize.set(f.size, [...(bySize.get(f.size) ?? []), f]);
    const cachedSha = (f: ScannedFile) => cache.lookup(f.absPath, f.size, f.mtimeMs);

    // The first candidate of each file: at its manifest path with the declared size, else the
    // first file of that size. Their bytes (less what the cache vouches for) are the total.
    const firstCandidate = (file: ExpectedMedia): ScannedFile | undefined => {
      const atPath = byPath.get(file.path);
      if (atPath && atPath.size === file.size) return atPath;
      return bySize.get(file.size)?.[0];
    };
    for (const file of files) {
      const c = firstCandidate(file);
      if (c && cachedSha(c) === undefined) job.bytesTotal += c.size;
    }

    const claimed = new Set<string>();
    const hashes = new Map<string, string>();
    let lastSave = this.now();
    job.worker = new HashWorker(
      this.options.chunkBytes ? { chunkBytes: this.options.chunkBytes } : {},
    );
    try {
      for (const [index, file] of files.entries()) {
        if (job.cancelled) return;
        const result = await this.verifyOne(job, file, {
          atPath: byPath.get(file.path),
          sameSize: bySize.get(file.size) ?? [],
          first: firstCandidate(file),
          hashes,
          cache,
          cachedSha,
        });
        if (job.cancelled) return;
        attached.files[index] = result.status;
        if (result.claimed) claimed.add(result.claimed.relPath);
        job.filesDone++;
        this.changed(job);
        if (this.now() - lastSave >= CACHE_SAVE_MS) {
          lastSave = this.now();
          await cache.save();
        }
      }
      attached.extra = scan.files
        .filter((f) => !claimed.has(f.relPath))
        .map((f) => ({ path: f.relPath, size: f.size }));
      delete job.current;
      job.state = 'done';
    } finally {
      await job.worker.stop();
      await cache.save();
    }
  }

  private async verifyOne(
    job: Job,
    file: ExpectedMedia,
    ctx: {
      atPath: ScannedFile | undefined;
      sameSize: ScannedFile[];
      first: ScannedFile | undefined;
      hashes: Map<string, string>;
      cache: VerifiedCache;
      cachedSha: (f: ScannedFile) => string | undefined;
    },
  ): Promise<{ status: MediaFileStatus; claimed?: ScannedFile }> {
    const base = pendingStatus(file);
    job.current = file.path;
    const candidates = [
      ...(ctx.atPath && ctx.atPath.size === file.size ? [ctx.atPath] : []),
      ...ctx.sameSize.filter((f) => f !== ctx.atPath),
    ];
    let problem: string | undefined;
    for (const candidate of candidates) {
      const known = ctx.hashes.get(candidate.absPath) ?? ctx.cachedSha(candidate);
      let sha = known;
      if (known !== undefined && !ctx.hashes.has(candidate.absPath)) job.filesFromCache++;
      if (sha === undefined) {
        // A stranger of the same size adds its bytes to the total only when it is read.
        if (candidate !== ctx.first) job.bytesTotal += candidate.size;
        const hashed = await job.worker!.hash(candidate.absPath, (n) => {
          job.bytesDone += n;
          this.changed(job);
        });
        if (job.cancelled) return { status: base };
        if (!hashed.ok) {
          problem = `读取媒体文件“${candidate.relPath}”失败（${hashed.code}）`;
          continue;
        }
        if (hashed.file.changed || hashed.file.mtimeMs !== candidate.mtimeMs) {
          problem = `媒体文件“${candidate.relPath}”在校验过程中被修改，请等它写完后重新挂载`;
          continue;
        }
        sha = hashed.file.sha256;
        ctx.cache.remember({
          path: candidate.absPath,
          size: candidate.size,
          mtimeMs: candidate.mtimeMs,
          sha256: sha,
        });
      }
      ctx.hashes.set(candidate.absPath, sha);
      if (sha === file.sha256) {
        this.options.verified.add(job.profileId, {
          sha256: sha,
          path: candidate.absPath,
          size: candidate.size,
          mtimeMs: candidate.mtimeMs,
        });
        const codec = VIDEO_KINDS.has(file.kind)
          ? await sniffCodec(candidate.absPath, candidate.relPath)
          : undefined;
        return {
          claimed: candidate,
          status: {
            ...base,
            state: 'verified',
            foundAt: candidate.relPath,
            url: mediaUrlPath(sha),
            ...(codec ? { codec } : {}),
          },
        };
      }
      if (candidate === ctx.atPath) {
        problem = `媒体文件“${file.path}”内容与工作包清单的 SHA-256 不符（可能被修改或替换），不能播放`;
      }
    }
    if (ctx.atPath && ctx.atPath.size !== file.size && problem === undefined) {
      problem = `媒体文件“${file.path}”大小不符：清单为 ${file.size} 字节，文件夹中为 ${ctx.atPath.size} 字节（可能被截断或替换），不能播放`;
    }
    if (problem !== undefined) {
      return {
        status: {
          ...base,
          state: 'mismatch',
          ...(ctx.atPath ? { foundAt: ctx.atPath.relPath } : {}),
          message: problem,
        },
      };
    }
    return {
      status: {
        ...base,
        state: 'missing',
        message: `媒体文件“${file.path}”在所挂载的文件夹中未找到（按路径和大小都没有找到）`,
      },
    };
  }
}
