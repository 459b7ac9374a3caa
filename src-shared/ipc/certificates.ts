// Certificates capability: the renderer decides who is printable (src-shared/certificates/
// eligibility.ts, from its Dexie rows) and sends those certificates; main verifies each
// platform record against the profile's trusted keys, runs the glyph preflight with the real
// fonts, and answers with page 1 as data (preview) or writes the batch PDF where the person
// chooses (atomic write). Main alone touches fonts, keys and the disk.
import { z } from 'zod';
import { programCode } from '../records/records';
import { recordId } from '../wire/primitives';
import { calibrationSchema } from '../certificates/template';
import { importerSchema } from './packages';
import { channel } from './channel';

export const batchItemSchema = z
  .object({
    traineeId: recordId,
    name: z.string().min(1).max(64),
    number: z.string().min(1).max(64),
    signedRecord: z.string().min(1).max(2000),
  })
  .strict();
export type BatchItem = z.infer<typeof batchItemSchema>;

export const batchRequestSchema = z
  .object({
    importer: importerSchema,
    classId: recordId,
    /** Only names the saved file (合格证书_<班级名>_…); the certificates carry no class name. */
    className: z.string().max(200).optional(),
    items: z.array(batchItemSchema).min(1).max(5000),
    calibration: calibrationSchema,
  })
  .strict();
export type BatchRequest = z.infer<typeof batchRequestSchema>;

const mm = z.number().finite();
export const docItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    field: z.string(),
    text: z.string(),
    xMm: mm,
    yMm: mm,
    sizePt: z.number(),
    align: z.enum(['left', 'center']),
  }),
  z.object({ kind: z.literal('qr'), payload: z.string(), xMm: mm, yMm: mm, sizeMm: mm }),
  z.object({
    kind: z.literal('line'),
    x1Mm: mm,
    y1Mm: mm,
    x2Mm: mm,
    y2Mm: mm,
    widthPt: z.number(),
  }),
]);

export const docPageSchema = z.object({
  widthMm: mm,
  heightMm: mm,
  traineeId: z.string().optional(),
  name: z.string().optional(),
  number: z.string().optional(),
  items: z.array(docItemSchema),
});
export type DocPageWire = z.infer<typeof docPageSchema>;

export const heldSchema = z.object({
  traineeId: z.string(),
  name: z.string(),
  number: z.string().optional(),
  code: z.string(),
  message: z.string(),
  /** For support only (behind 详情), e.g. the id of a key that is not trusted. */
  detail: z.string().optional(),
});
export type HeldWire = z.infer<typeof heldSchema>;

export const previewResultSchema = z.object({
  page: docPageSchema.nullable(),
  printable: z.number().int().min(0),
  held: z.array(heldSchema),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

export const saveResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('saved'),
    path: z.string().min(1),
    numbers: z.array(z.string()),
    held: z.array(heldSchema),
  }),
  /** Every certificate was held back: no dialog, no file. */
  z.object({ status: z.literal('nothing'), held: z.array(heldSchema) }),
  z.object({ status: z.literal('cancelled') }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

export const printRequestSchema = batchRequestSchema.extend({
  copies: z.number().int().min(1).max(10),
});
export type PrintRequest = z.infer<typeof printRequestSchema>;

export const printResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('printed'),
    printer: z.string().min(1),
    numbers: z.array(z.string()),
    held: z.array(heldSchema),
  }),
  z.object({ status: z.literal('nothing'), held: z.array(heldSchema) }),
  /** The person closed the print dialog: nothing printed, nothing logged. */
  z.object({ status: z.literal('cancelled') }),
]);
export type PrintResult = z.infer<typeof printResultSchema>;

export const calibrationRequestSchema = z
  .object({ program: programCode, calibration: calibrationSchema })
  .strict();

export const certificatesChannels = {
  previewBatch: channel({
    summary:
      'Verifies the platform records and runs the glyph preflight; answers page 1 of the batch as document data and what is held back.',
    request: batchRequestSchema,
    response: previewResultSchema,
  }),
  saveBatch: channel({
    summary:
      'Builds the batch PDF (one font subset, embedded once) and writes it atomically where the person chooses.',
    request: batchRequestSchema,
    response: saveResultSchema,
  }),
  printBatch: channel({
    summary:
      'Builds the same batch PDF and prints it through the system print dialog (copies as asked).',
    request: printRequestSchema,
    response: printResultSchema,
  }),
  saveCalibrationPage: channel({
    summary:
      'Writes a calibration page (millimetre grid, field anchors with the station offset) as PDF.',
    request: calibrationRequestSchema,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), path: z.string().min(1) }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  }),
};
