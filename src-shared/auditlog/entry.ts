// An audit-log entry. The entry hash covers every other field in canonical JSON, and each
// entry names its predecessor's hash, so changing, removing or reordering any entry breaks
// every link after it. The payload itself is stored elsewhere; only its hash is chained.
import { z } from 'zod';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';

export const GENESIS_HASH = '0'.repeat(64);

export const auditActions = [
  'create',
  'change',
  'submit',
  'decide',
  'print',
  'reprint',
  'sync-send',
  'sync-ack',
  'import',
  // An expert's conflict-of-interest declaration (回避声明) and its withdrawal.
  'declare',
  'withdraw',
] as const;
export const auditEntityKinds = [
  'review',
  'panel-decision',
  'finding',
  'sampling-plan',
  'compliance-verdict',
  'print-log',
  'audit-verdict',
  'bundle',
  'receipt',
  'work-package',
  'conflict',
] as const;

export const auditEntrySchema = z.object({
  seq: z.number().int().min(0),
  at: isoInstant,
  actor: recordId,
  action: z.enum(auditActions),
  entityKind: z.enum(auditEntityKinds),
  entityId: recordId,
  payloadHash: sha256Hex,
  prevHash: sha256Hex,
  entryHash: sha256Hex,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditAction = (typeof auditActions)[number];
export type AuditEntityKind = (typeof auditEntityKinds)[number];

export interface AuditEvent {
  at: string;
  actor: string;
  action: AuditAction;
  entityKind: AuditEntityKind;
  entityId: string;
  /** Any JSON value; hashed canonically, not stored in the entry. */
  payload: unknown;
}
