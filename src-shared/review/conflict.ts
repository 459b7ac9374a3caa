// 回避声明: an expert declares a conflict of interest with an assigned trainee or organizer
// and does not score it. It travels as its own record so the chair (and the platform, which
// assigns someone else) sees the recusal rather than a missing review.
import { z } from 'zod';
import { isoInstant, recordId } from '../bundle/records';

export const conflictDeclarationSchema = z.object({
  id: recordId,
  assignmentId: recordId,
  submissionId: recordId,
  expertId: recordId,
  profileId: recordId,
  reason: z.string().trim().min(2, '请写明回避理由').max(500, '回避理由不超过 500 字'),
  createdAt: isoInstant,
});
export type ConflictDeclaration = z.infer<typeof conflictDeclarationSchema>;
