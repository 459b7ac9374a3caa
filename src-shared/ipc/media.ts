// The media drive: recordings, replays, clips and course packages travel beside the package
// (declared external, with size and SHA-256 in the manifest). The auditor attaches a folder,
// main verifies each declared file by streamed SHA-256 as a job the renderer polls, and only
// verified files get a URL the player may load (same origin: `/media/<sha256>`).
import { z } from 'zod';
import { fileKinds } from '../records/records';
import { recordId, sha256Hex } from '../wire/primitives';
import { channel } from './channel';
import { jobChannel } from './events';

/** Verified media are served by hash under this path of the app's own origin. */
export const MEDIA_ROUTE_PREFIX = '/media/';

/** Relative on purpose: the page resolves it against its origin (app://qihang, or the harness). */
export function mediaUrlPath(sha256: string): string {
  return `${MEDIA_ROUTE_PREFIX}${sha256}`;
}

const jobId = z.string().regex(/^[0-9a-f]{32}$/, '任务编号格式不正确');

/** One external file the renderer wants found: copied from the manifest's `files` entry. */
export const expectedMediaSchema = z
  .object({
    fileId: recordId,
    /** Relative POSIX path as the manifest declares it; looked up in the folder first. */
    path: z.string().min(1).max(240),
    kind: z.enum(fileKinds),
    size: z.number().int().min(0),
    sha256: sha256Hex,
  })
  .strict();
export type ExpectedMedia = z.infer<typeof expectedMediaSchema>;

/** Most declared files a single attach verifies (a class term has far fewer). */
export const MAX_EXPECTED_MEDIA = 20_000;

export const mediaFileStates = ['verified', 'missing', 'mismatch', 'pending'] as const;
export type MediaFileState = (typeof mediaFileStates)[number];

/** What main read from the container without decoding it; `playable` is Chromium's view. */
export const mediaCodecSchema = z.object({
  container: z.enum(['mp4', 'webm', 'unknown']),
  /** Codec ids as the container names them, e.g. 'vp09', 'avc1', 'hvc1', 'V_VP9', 'A_OPUS'. */
  video: z.string().max(40).optional(),
  audio: z.string().max(40).optional(),
  playable: z.boolean(),
  /**
   * The real duration in seconds as the container states it (WebM Info/Duration, MP4 mvhd),
   * not the manifest's: what replay coverage and the 45-minute course-package check read.
   */
  durationSeconds: z.number().nonnegative().optional(),
  /** When not playable (or not recognised): a sentence naming the file and the codec. */
  message: z.string().optional(),
});
export type MediaCodec = z.infer<typeof mediaCodecSchema>;

export const mediaFileStatusSchema = z.object({
  fileId: recordId,
  sha256: sha256Hex,
  size: z.number().int().min(0),
  kind: z.enum(fileKinds),
  /** The manifest's relative path. */
  path: z.string(),
  state: z.enum(mediaFileStates),
  /** Where in the attached folder it was found (relative to the folder), when found. */
  foundAt: z.string().optional(),
  /** Only for verified files: a same-origin URL the page loads with Range requests. */
  url: z.string().optional(),
  /** Only for verified files: what the container says about its codecs. */
  codec: mediaCodecSchema.optional(),
  /** For missing/mismatch: a zh-CN sentence naming the file and what is wrong. */
  message: z.string().optional(),
});
export type MediaFileStatus = z.infer<typeof mediaFileStatusSchema>;

export const mediaStatusSchema = z.object({
  /** The folder attached last for this profile, null before any attach. */
  folder: z.string().nullable(),
  /** The verify job of that attach (running or finished). */
  jobId: jobId.nullable(),
  files: z.array(mediaFileStatusSchema),
  /** Files in the folder that no declared file matched, relative to the folder. */
  extra: z.array(z.object({ path: z.string(), size: z.number().int().min(0) })),
});
export type MediaStatus = z.infer<typeof mediaStatusSchema>;

export const mediaJobStates = ['running', 'done', 'failed', 'cancelled'] as const;
export type MediaJobState = (typeof mediaJobStates)[number];

export const mediaProgressSchema = z.object({
  jobId,
  state: z.enum(mediaJobStates),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
  filesDone: z.number().int().nonnegative(),
  filesTotal: z.number().int().nonnegative(),
  /** The manifest path being hashed now. */
  current: z.string().optional(),
  /** Files skipped because the per-profile cache already verified them (same size and mtime). */
  filesFromCache: z.number().int().nonnegative(),
  /** Present once `state` is 'failed'. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type MediaProgress = z.infer<typeof mediaProgressSchema>;

/** Media verify events: bytes and files while it hashes, the final counts at the end. */
export const mediaJob = jobChannel({
  summary: 'Verifying a media folder: bytes and files hashed, the current file, then the totals.',
  progress: mediaProgressSchema,
  done: mediaProgressSchema,
  cancel: 'media:cancel',
});

const profileOnly = z.object({ profileId: recordId }).strict();

export const mediaChannels = {
  attach: channel({
    summary:
      'Asks for the media folder with the native folder dialog and starts verifying the listed files in it (jobId null = cancelled).',
    request: z
      .object({
        profileId: recordId,
        files: z.array(expectedMediaSchema).max(MAX_EXPECTED_MEDIA),
      })
      .strict(),
    response: z.object({ jobId: jobId.nullable(), folder: z.string().nullable() }),
  }),
  progress: channel({
    summary:
      'A media verify job as it is now (its events carry each change): bytes, files, its state.',
    request: z.object({ jobId }).strict(),
    response: mediaProgressSchema,
  }),
  cancel: channel({
    summary:
      'Stops a media verify job; files verified so far stay verified, the rest stay pending.',
    request: z.object({ jobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
  status: channel({
    summary:
      'Per declared file of the last attach: verified / missing / mismatch / pending, a URL for verified ones, codec facts, and the extra files found.',
    request: profileOnly,
    response: mediaStatusSchema,
  }),
};
