// Wire primitives: the shapes of ids, instants, dates and hashes that every document
// (work packages, result bundles, receipts, enrollment) and every IPC schema uses.
import { z } from 'zod';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD');
export const isoInstant = z.iso.datetime({ offset: true });
export const RECORD_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
export const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(RECORD_ID_PATTERN, '编号只能含字母、数字和 ._:-');
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 须为 64 位小写十六进制');
