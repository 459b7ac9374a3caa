// The panel chair's capability. Main verifies the other experts' result bundles against the
// keys the work package enrolled for them (the renderer holds the package records and sends
// the panel's keys) and writes the meeting record and results documents. The renderer stores
// what main verified and decides everything else (src-shared/panel).
import { z } from 'zod';
import { expertKeySchema } from '../records/records';
import { recordId, sha256Hex } from '../wire/primitives';
import { resultRecordSchema } from '../bundle/resultBundle';
import { panelRecordDataSchema } from '../panel/recordData';
import { channel } from './channel';

/** A panel has a handful of experts; anything huge is a bug, not a panel. */
export const MAX_PANEL_EXPERTS = 64;

export const panelExpertKeysSchema = z
  .object({ expertId: recordId, keys: z.array(expertKeySchema).max(8) })
  .strict();

/** What main verified of one expert's bundle, whichever way it arrived. */
export const verifiedExpertBundleSchema = z.object({
  fileName: z.string(),
  bundleId: recordId,
  bundleHash: sha256Hex,
  profileId: recordId,
  signerExpertIds: z.array(recordId),
  records: z.array(resultRecordSchema),
  /** Records of kinds the chair does not import (an expert's other work). */
  otherRecords: z.number().int().min(0),
});
export type VerifiedExpertBundle = z.infer<typeof verifiedExpertBundleSchema>;

export const importExpertBundleResponse = z.union([
  z.object({ path: z.null() }),
  verifiedExpertBundleSchema.extend({ path: z.string() }),
]);
export type ImportExpertBundleResponse = z.infer<typeof importExpertBundleResponse>;

/** One forwarded bundle of a package: verified, or why not (the others still count). */
export const forwardedBundleOutcomeSchema = z.union([
  verifiedExpertBundleSchema.extend({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    fileName: z.string(),
    code: z.string(),
    message: z.string(),
    /** Key ids and the like, for support (详情), kept out of the sentence. */
    detail: z.string().optional(),
  }),
]);
export type ForwardedBundleOutcome = z.infer<typeof forwardedBundleOutcomeSchema>;

/** A package forwards at most this many bundles to a panel at once. */
export const MAX_FORWARDED_BUNDLES = 2000;

/** A document request names the open profile: main looks up whether to mark it 演示. */
export const panelDocRequestSchema = panelRecordDataSchema.extend({ profileId: recordId });
export type PanelDocRequest = z.infer<typeof panelDocRequestSchema>;

export const panelChannels = {
  importExpertBundle: channel({
    summary:
      "Opens an expert's result bundle (USB) and verifies it against the panel's enrolled expert keys.",
    request: z
      .object({ experts: z.array(panelExpertKeysSchema).min(1).max(MAX_PANEL_EXPERTS) })
      .strict(),
    response: importExpertBundleResponse,
  }),
  importForwarded: channel({
    summary:
      "Reads the experts' bundles a package forwards from the verified package store and verifies each against the panel's enrolled expert keys.",
    request: z
      .object({
        packageId: recordId,
        bundles: z
          .array(
            z
              .object({ fileId: recordId, path: z.string().min(1).max(240), sha256: sha256Hex })
              .strict(),
          )
          .min(1)
          .max(MAX_FORWARDED_BUNDLES),
        experts: z.array(panelExpertKeysSchema).min(1).max(MAX_PANEL_EXPERTS),
      })
      .strict(),
    response: z.object({ results: z.array(forwardedBundleOutcomeSchema) }),
  }),
  saveRecordDocx: channel({
    summary: 'Writes the 会审记录 (DOCX) from the panel data where the chair chooses, atomically.',
    request: panelDocRequestSchema,
    response: z.object({ path: z.string().nullable() }),
  }),
  saveResultsXlsx: channel({
    summary: "Writes the panel's results (XLSX) where the chair chooses, atomically.",
    request: panelDocRequestSchema,
    response: z.object({ path: z.string().nullable() }),
  }),
};
