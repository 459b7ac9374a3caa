import { z } from 'zod';
import { packageFileSchema, workPackageManifestSchema } from '../records/records';
import { recordId, sha256Hex } from '../wire/primitives';
import { policyPackSchema } from '../policy/pack';
import { channel } from './channel';
import { jobChannel } from './events';

/** What the renderer stores after main has verified a package: manifest plus where each file is. */
export const verifiedPackageSchema = z.object({
  manifest: workPackageManifestSchema,
  /** SHA-256 of the signed envelope payload: identifies this exact version of the package. */
  envelopeHash: sha256Hex,
  signedBy: z.array(z.string()),
  /**
   * Keys the signers succeed through platform-signed rotations in this profile's trust store
   * (docs/formats.md §5); empty or absent when there was no rotation.
   */
  signerPredecessors: z.array(sha256Hex).max(64).optional(),
  files: z.array(
    packageFileSchema.extend({
      location: z.enum(['package', 'external', 'missing']),
    }),
  ),
  /** Policy packs the package ships (kind 'policy-pack'), validated in main after their hash. */
  policyPacks: z.array(policyPackSchema).max(16),
});
export type VerifiedPackage = z.infer<typeof verifiedPackageSchema>;

/** Who is importing: trust follows the profile (enrolled platform keys; demo key only for demo). */
export const importerSchema = z
  .object({
    profileId: recordId,
    /** A demo profile also trusts the demo platform key shipped with the app. */
    demo: z.boolean(),
  })
  .strict();
export type Importer = z.infer<typeof importerSchema>;

const jobId = z.string().regex(/^[0-9a-f]{32}$/, '任务编号格式不正确');

/** Raw bytes per upload chunk; the base64 text is 4/3 of this. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export const importPhases = [
  'uploading',
  'signature',
  'files',
  'external',
  'done',
  'failed',
  'cancelled',
] as const;
export type ImportPhase = (typeof importPhases)[number];

export const importStatusSchema = z.object({
  jobId,
  /** The package's file name as the user chose or dropped it. */
  fileName: z.string(),
  phase: z.enum(importPhases),
  /** Bytes uploaded or verified so far, out of `total` (0 while the signature is checked). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The manifest path being verified, for the progress line. */
  current: z.string().optional(),
  /** Present once `phase` is 'failed' or 'cancelled': a package error code and its message. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

/**
 * Import events: phase and bytes while it runs, then that it is done. The verified package is not
 * in any event: it crosses once, through takeImportResult, so every event stays a few hundred
 * bytes however large the package is.
 */
export const importJob = jobChannel({
  summary: 'Verifying a chosen or dropped package: its phase and bytes, then that it is verified.',
  progress: importStatusSchema.omit({ error: true }),
  done: importStatusSchema.omit({ error: true }),
  cancel: 'packages:cancelImport',
});

export const packagesChannels = {
  loadDemo: channel({
    summary:
      'Opens and verifies the bundled demo work package for a demo profile (refused for a normal one).',
    request: z.object({ importer: importerSchema }).strict(),
    response: verifiedPackageSchema,
  }),
  chooseAndOpen: channel({
    summary:
      'Asks for a .qhpkg with the native open dialog and starts verifying it as a job (jobId null = cancelled).',
    request: z.object({ importer: importerSchema }).strict(),
    response: z.object({ jobId: jobId.nullable() }),
  }),
  beginUpload: channel({
    summary:
      'Starts receiving a dropped package (the sandboxed page has no paths) into a temporary file.',
    request: z
      .object({
        importer: importerSchema,
        fileName: z.string().min(1).max(255),
        size: z.number().int().positive(),
      })
      .strict(),
    response: z.object({ jobId }),
  }),
  uploadChunk: channel({
    summary: 'Appends the next base64 chunk of a dropped package at the given byte offset.',
    request: z
      .object({
        jobId,
        offset: z.number().int().nonnegative(),
        data: z
          .string()
          .min(1)
          .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, '数据须为 base64'),
      })
      .strict(),
    response: z.object({ received: z.number().int().nonnegative() }),
  }),
  finishUpload: channel({
    summary:
      'Closes an upload once every byte arrived and starts verifying it (same as a chosen file).',
    request: z.object({ jobId }).strict(),
    response: z.object({ jobId }),
  }),
  importStatus: channel({
    summary:
      'An import job as it is now (its events carry each change): phase, bytes, or its error.',
    request: z.object({ jobId }).strict(),
    response: importStatusSchema,
  }),
  takeImportResult: channel({
    summary:
      "Hands over a finished import job's verified package once and forgets the job (its events never carry it).",
    request: z.object({ jobId }).strict(),
    response: verifiedPackageSchema,
  }),
  cancelImport: channel({
    summary: 'Aborts a running import job (upload or verification) and removes its temporary file.',
    request: z.object({ jobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
};
