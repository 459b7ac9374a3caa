// The print log: every batch printed or saved, every reprint and every voided (spoiled) sheet
// is one record, signed in the station's next result bundle (kind 'print-log'). The rules are
// decided here, purely: a number printed before needs a reason to print again, and a void
// needs a reason and a number that was printed.
import { z } from 'zod';
import { isoInstant, recordId } from '../wire/primitives';
import { formatDateTime } from '../time';
import type { Failure } from '../failure';

export const printActions = ['print', 'reprint', 'void'] as const;

const reasonText = z.string().trim().min(2, '原因至少 2 个字').max(200, '原因不超过 200 个字');

export const printLogPayloadSchema = z
  .object({
    batchId: recordId,
    action: z.enum(printActions),
    /** Who (the profile's id and name as shown on the station). */
    actor: z.object({ profileId: recordId, name: z.string().min(1).max(64) }).strict(),
    at: isoInstant,
    classId: recordId.optional(),
    numbers: z.array(z.string().min(1).max(64)).min(1).max(5000),
    copies: z.number().int().min(1).max(10),
    /** A printer's name, or the file the batch was saved as. */
    destination: z
      .object({ kind: z.enum(['printer', 'file']), name: z.string().min(1).max(400) })
      .strict()
      .optional(),
    reason: reasonText.optional(),
  })
  .strict();
export type PrintLogPayload = z.infer<typeof printLogPayloadSchema>;

export interface PrintRequest {
  batchId: string;
  actor: PrintLogPayload['actor'];
  at: string;
  classId?: string;
  numbers: string[];
  copies: number;
  destination: NonNullable<PrintLogPayload['destination']>;
  reason?: string;
}

export type Planned = { ok: true; entry: PrintLogPayload } | Failure;

/** Numbers printed (or reprinted) before, with when; a void does not unprint a number. */
export function printedBefore(log: readonly PrintLogPayload[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const e of log)
    if (e.action !== 'void') for (const n of e.numbers) if (!seen.has(n)) seen.set(n, e.at);
  return seen;
}

export function planPrint(log: readonly PrintLogPayload[], req: PrintRequest): Planned {
  if (req.numbers.length === 0) return { ok: false, code: 'empty', message: '没有可打印的证书' };
  const before = printedBefore(log);
  const again = req.numbers.filter((n) => before.has(n));
  const reason = req.reason?.trim();
  if (again.length > 0 && !reason) {
    const first = again[0]!;
    return {
      ok: false,
      code: 'reprint-needs-reason',
      message: `证书 ${first}${again.length > 1 ? ` 等 ${again.length} 张` : ''}已于 ${formatDateTime(before.get(first)!)} 打印过（北京时间），重印须填写原因`,
    };
  }
  const entry = {
    batchId: req.batchId,
    action: again.length > 0 ? ('reprint' as const) : ('print' as const),
    actor: req.actor,
    at: req.at,
    ...(req.classId ? { classId: req.classId } : {}),
    numbers: [...req.numbers],
    copies: req.copies,
    destination: req.destination,
    ...(reason ? { reason } : {}),
  };
  const parsed = printLogPayloadSchema.safeParse(entry);
  if (!parsed.success)
    return {
      ok: false,
      code: 'invalid',
      message: `打印记录不合格：${parsed.error.issues[0]?.message ?? ''}`,
    };
  return { ok: true, entry: parsed.data };
}

export function planVoid(
  log: readonly PrintLogPayload[],
  req: {
    batchId: string;
    actor: PrintLogPayload['actor'];
    at: string;
    number: string;
    reason?: string;
  },
): Planned {
  const reason = req.reason?.trim();
  if (!reason || reason.length < 2)
    return {
      ok: false,
      code: 'void-needs-reason',
      message: `作废证书 ${req.number} 须填写原因（至少 2 个字）`,
    };
  if (!printedBefore(log).has(req.number))
    return {
      ok: false,
      code: 'void-not-printed',
      message: `证书 ${req.number} 尚未打印，无需作废`,
    };
  return {
    ok: true,
    entry: {
      batchId: req.batchId,
      action: 'void',
      actor: req.actor,
      at: req.at,
      numbers: [req.number],
      copies: 1,
      reason,
    },
  };
}
