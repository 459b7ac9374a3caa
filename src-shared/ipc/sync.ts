// Result bundles out and receipts back. The renderer owns the records (IndexedDB) and sends
// their payloads; main signs, keeps the outbox (chain position, the pending bundle's exact
// bytes, the acknowledged history) and verifies receipts. Records are marked acknowledged by
// the renderer only with ids main returns from a receipt that verified.
import { z } from 'zod';
import { MAX_FRAME_GRAB_BYTES } from '../audit/findings';
import { auditHeadSchema, resultRecordSchema, safeRelativePath } from '../bundle/resultBundle';
import { expertKeySchema } from '../records/records';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';
import { channel } from './channel';
import { jobChannel } from './events';
import { passphraseField } from './keys';

export const MAX_RECORDS_PER_BUNDLE = 20_000;

/** A panel's chair and the keys the package lists for them, for the decisions in a bundle. */
export const panelChairSchema = z
  .object({
    packageId: recordId,
    panelId: recordId,
    panelName: z.string().min(1).max(200),
    chairExpertId: recordId,
    chairName: z.string().min(1).max(200),
    keys: z.array(expertKeySchema).max(8),
  })
  .strict();

/**
 * Evidence rides in the same message as the records (base64 is 4/3 of the bytes), and one
 * message must pass the harness's 64 MiB WebSocket frame as well as Electron's IPC: 32 MiB of
 * evidence per bundle. Findings whose grabs do not fit wait for the next bundle.
 */
export const MAX_EVIDENCE_BYTES_PER_BUNDLE = 32 * 1024 * 1024;
export const MAX_EVIDENCE_FILES_PER_BUNDLE = 500;

const base64Of = (maxBytes: number) =>
  z
    .string()
    .min(4)
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '数据须为 base64');

/** Decoded size of a base64 text, without decoding it. */
export function base64Bytes(text: string): number {
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

/** One evidence file for the next bundle: today a finding's frame grab (PNG). */
export const evidenceUploadSchema = z
  .object({
    id: recordId,
    /** Path under the bundle's files/ folder. */
    path: safeRelativePath,
    mediaType: z.literal('image/png'),
    /** The record the file supports; the bundle is refused if it does not cite it as sent. */
    recordId,
    dataBase64: base64Of(MAX_FRAME_GRAB_BYTES),
  })
  .strict();
export type EvidenceUpload = z.infer<typeof evidenceUploadSchema>;

export const evidenceUploadsSchema = z
  .array(evidenceUploadSchema)
  .max(MAX_EVIDENCE_FILES_PER_BUNDLE)
  .refine(
    (files) =>
      files.reduce((n, f) => n + base64Bytes(f.dataBase64), 0) <= MAX_EVIDENCE_BYTES_PER_BUNDLE,
    `附件合计不得超过 ${MAX_EVIDENCE_BYTES_PER_BUNDLE / 1024 / 1024} MiB`,
  );

export const sentBundleInfoSchema = z.object({
  bundleId: recordId,
  bundleHash: sha256Hex,
  counter: z.number().int().positive(),
  recordIds: z.array(recordId),
  createdAt: isoInstant,
});
export type SentBundleInfo = z.infer<typeof sentBundleInfoSchema>;

export const acknowledgedBundleSchema = sentBundleInfoSchema.extend({
  receiptId: recordId,
  acknowledgedAt: isoInstant,
  acceptedRecordIds: z.array(recordId),
});

export const syncStatusSchema = z.object({
  pending: sentBundleInfoSchema.nullable(),
  acknowledged: z.array(acknowledgedBundleSchema),
  /** Counter the next new bundle will get. */
  nextCounter: z.number().int().positive(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** What a verified receipt tells the renderer to do with its rows. */
export const receiptOutcomeSchema = z.object({
  receiptId: recordId,
  bundleId: recordId,
  counter: z.number().int().positive(),
  /** Records the platform accepted: mark these acknowledged (idempotent on re-import). */
  acceptedRecordIds: z.array(recordId),
  /** Every record the bundle carried: those not accepted go back to pending. */
  sentRecordIds: z.array(recordId),
  alreadyAcknowledged: z.boolean(),
});
export type ReceiptOutcome = z.infer<typeof receiptOutcomeSchema>;

export const uploadProgressSchema = z.object({
  active: z.boolean(),
  attempt: z.number().int().min(0),
  maxAttempts: z.number().int().positive(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** When the next try starts, if one is scheduled. */
  nextRetryAt: isoInstant.nullable(),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;

const uploadJobId = z.string().regex(/^[0-9a-f]{32}$/, '任务编号格式不正确');

/** The end of an upload: the verified receipt's outcome and how many tries it took. */
export const uploadDoneSchema = receiptOutcomeSchema.extend({
  attempts: z.number().int().positive(),
});
export type UploadDone = z.infer<typeof uploadDoneSchema>;

/** Upload events: each try and the wait before the next, then the receipt's outcome. */
export const uploadJob = jobChannel({
  summary: 'Uploading the pending bundle with retries: each try, then the verified receipt.',
  progress: uploadProgressSchema,
  done: uploadDoneSchema,
  cancel: 'sync:cancelUpload',
});

export const syncChannels = {
  status: channel({
    summary: "The profile's outbox: the pending bundle and the acknowledged history.",
    request: z.object({ profileId: recordId }).strict(),
    response: syncStatusSchema,
  }),
  checkUrl: channel({
    summary: 'Checks a platform URL: HTTPS, or plain HTTP to a loopback test intake only.',
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ url: z.string() }),
  }),
  prepare: channel({
    summary: 'Signs the pending records into the next result bundle and keeps it in the outbox.',
    request: z
      .object({
        profileId: recordId,
        passphrase: passphraseField,
        records: z.array(resultRecordSchema).max(MAX_RECORDS_PER_BUNDLE),
        auditLogHead: auditHeadSchema.nullable(),
        workPackageIds: z.array(recordId).max(100),
        /** The chairs of the panels the bundle's decisions belong to (from the package). */
        chairs: z.array(panelChairSchema).max(100).optional(),
        /** Files the records cite (a finding's frame grab), signed into the bundle beside them. */
        evidence: evidenceUploadsSchema.optional(),
      })
      .strict(),
    response: sentBundleInfoSchema.extend({ fileName: z.string() }),
  }),
  exportPending: channel({
    summary: 'Saves the pending bundle, byte for byte, where the person chooses.',
    // The name only shapes the suggested file name (结果包_<姓名>_…); main keeps no names.
    request: z.object({ profileId: recordId, profileName: z.string().min(1).max(64) }).strict(),
    response: z.object({ path: z.string().nullable(), bundleId: recordId }),
  }),
  upload: channel({
    summary:
      'Starts uploading the pending bundle to the platform URL (with retries); its events say how it goes.',
    request: z.object({ profileId: recordId, url: z.string().max(2048) }).strict(),
    response: z.object({ jobId: uploadJobId }),
  }),
  cancelUpload: channel({
    summary: 'Stops a running upload before its next try; the bundle stays pending.',
    request: z.object({ jobId: uploadJobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
  importReceipt: channel({
    summary:
      'Opens a receipt file, verifies it against the pinned platform keys and the sent bundle.',
    request: z.object({ profileId: recordId }).strict(),
    response: z.union([
      z.object({ path: z.null() }),
      receiptOutcomeSchema.extend({ path: z.string() }),
    ]),
  }),
};
