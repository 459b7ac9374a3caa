import { z } from 'zod';
import { packageTables } from '../records/packageTables';
import {
  forwardedBundleSchema,
  packageFileSchema,
  packageRecordsSchema,
  workPackageManifestSchema,
} from '../records/records';
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

/** The record arrays and the file list of a verified package, in the order main pages them. */
export const pagedTables = packageTables;
export type PagedTable = (typeof pagedTables)[number];

const verifiedFileSchema = verifiedPackageSchema.shape.files.element;
const records = packageRecordsSchema.shape;
export type PagedRow<T extends PagedTable> = T extends 'files'
  ? VerifiedPackage['files'][number]
  : VerifiedPackage['manifest']['records'][Exclude<T, 'files'>][number];

/**
 * A page holds at most this many rows and at most IMPORT_PAGE_CHARS of JSON (whichever comes
 * first; always at least one row). The window takes a page in as one task (Electron's
 * structured clone, the harness's JSON.parse), and the fresh rows it brings are what the
 * garbage collector then has to scan. Node's JSON.parse alone suggested 5,000 rows / 2 Mi
 * characters (~70 ms), but a CPU profile of the 200,000-trainee import in the page (load ~20 on
 * 2 cores) put the window's long tasks (200–700 ms, mostly garbage collection) at each page's
 * arrival. Pages a fifth that size keep that task small; 200,000 trainees take ~200 round trips,
 * a few ms each. A class row (50 trainee ids) is ~1 Ki characters, so the character bound is
 * what keeps a class page small.
 */
export const IMPORT_PAGE_ROWS = 1000;
export const IMPORT_PAGE_CHARS = 256 * 1024;

const rowCount = z.number().int().nonnegative();

/**
 * A verified package without its record arrays and file list: what the page needs to decide
 * (planImport) and to store the package's own row. `counts` says how many rows each paged
 * table has, so the page knows how far to read.
 */
export const importHeadSchema = z.object({
  manifest: workPackageManifestSchema.omit({ records: true, files: true }),
  envelopeHash: sha256Hex,
  signedBy: z.array(z.string()),
  signerPredecessors: z.array(sha256Hex).max(64).optional(),
  policyPacks: z.array(policyPackSchema).max(16),
  forwardedBundles: z.array(forwardedBundleSchema).max(2000),
  counts: z.object({
    organizers: rowCount,
    classes: rowCount,
    sessions: rowCount,
    lecturers: rowCount,
    trainees: rowCount,
    submissions: rowCount,
    experts: rowCount,
    panels: rowCount,
    assignments: rowCount,
    rubrics: rowCount,
    certificateNumbers: rowCount,
    files: rowCount,
  }),
});
export type ImportHead = z.infer<typeof importHeadSchema>;

/** The head of a verified package held whole (main's job result, the demo, tests). */
export function importHeadOf(pkg: VerifiedPackage): ImportHead {
  const { records: r, files: _files, ...manifest } = pkg.manifest;
  const counts = Object.fromEntries(
    pagedTables.map((t) => [t, t === 'files' ? pkg.files.length : r[t].length]),
  ) as ImportHead['counts'];
  return {
    manifest,
    envelopeHash: pkg.envelopeHash,
    signedBy: pkg.signedBy,
    ...(pkg.signerPredecessors ? { signerPredecessors: pkg.signerPredecessors } : {}),
    policyPacks: pkg.policyPacks,
    forwardedBundles: r.forwardedBundles ?? [],
    counts,
  };
}

/** All rows of one paged table of a package held whole. */
export function pagedRowsOf<T extends PagedTable>(pkg: VerifiedPackage, table: T): PagedRow<T>[] {
  const rows = table === 'files' ? pkg.files : pkg.manifest.records[table as Exclude<T, 'files'>];
  return rows as PagedRow<T>[];
}

const page = <T extends PagedTable, S extends z.ZodType>(table: T, row: S) =>
  z
    .object({
      table: z.literal(table),
      rows: z.array(row).max(IMPORT_PAGE_ROWS),
      /** True on the last page of the last table: main has forgotten the job. */
      done: z.boolean(),
    })
    .strict();

/** One page of rows, checked against its table's record schema like any response. */
export const importRowsPageSchema = z.discriminatedUnion('table', [
  page('organizers', records.organizers.element),
  page('classes', records.classes.element),
  page('sessions', records.sessions.element),
  page('lecturers', records.lecturers.element),
  page('trainees', records.trainees.element),
  page('submissions', records.submissions.element),
  page('experts', records.experts.element),
  page('panels', records.panels.element),
  page('assignments', records.assignments.element),
  page('rubrics', records.rubrics.element),
  page('certificateNumbers', records.certificateNumbers.element),
  page('files', verifiedFileSchema),
]);
export type ImportRowsPage = z.infer<typeof importRowsPageSchema>;

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
  error: z
    .object({ code: z.string(), message: z.string(), detail: z.string().optional() })
    .optional(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

/**
 * Import events: phase and bytes while it runs, then that it is done. The verified package is not
 * in any event: its head crosses once, through takeImportResult, and its rows in bounded pages
 * through takeImportRows, so every message stays small however large the package is.
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
      "Hands over a finished import job's head once (the package without its record arrays and file list, with their counts); the rows follow through takeImportRows.",
    request: z.object({ jobId }).strict(),
    response: importHeadSchema,
  }),
  takeImportRows: channel({
    summary:
      'The next page of one table of a verified package, in table order (a later table may skip the rest of one); main forgets the job after the last page, a cancel or two idle minutes.',
    request: z
      .object({
        jobId,
        table: z.enum(pagedTables),
        offset: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(IMPORT_PAGE_ROWS),
      })
      .strict(),
    response: importRowsPageSchema,
  }),
  cancelImport: channel({
    summary: 'Aborts a running import job (upload or verification) and removes its temporary file.',
    request: z.object({ jobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
};
