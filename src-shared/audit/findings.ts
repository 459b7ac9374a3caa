// What an auditor records while watching: a finding at a media time (or range) of one verified
// file, with its category, the rule it breaks and — where one applies — the exit ground (清退
// 情形, 附件1–3 二（四）) it is evidence of. Stored locally and signed as kind 'finding'.
import { z } from 'zod';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';
import type { RuleId } from '../policy/ruleIds';

export const findingCategories = [
  'lecturer-absent',
  'lecturer-unfiled',
  'headcount-below-roster',
  'content-mismatch',
  'sensitive-content',
  'below-480p',
  'av-problem',
  'venue-mismatch',
  'other',
] as const;
export type FindingCategory = (typeof findingCategories)[number];

export interface CategoryDef {
  label: string;
  ruleId: RuleId;
  /** The exit ground a serious finding of this kind is evidence of, if any. */
  exitGround?: number;
}

/**
 * Category → rule and exit ground. Grounds are named only where the notice's wording fits the
 * observation itself: an absent lecturer or an emptier room than the roster is sham training (4),
 * content other than planned is 调整培训内容 (5), another venue is 7, sensitive content breaks
 * policy rules (10). Picture quality and sound are platform duties with no exit ground.
 */
export const CATEGORIES: Record<FindingCategory, CategoryDef> = {
  'lecturer-absent': { label: '讲师不在场', ruleId: 'R-LECTURERS', exitGround: 4 },
  'lecturer-unfiled': { label: '讲师非备案持证讲师', ruleId: 'R-LECTURERS' },
  'headcount-below-roster': { label: '人数少于花名册', ruleId: 'R-CLASS-SIZE', exitGround: 4 },
  'content-mismatch': { label: '内容与计划不符', ruleId: 'R-PLAN-APPROVED', exitGround: 5 },
  'sensitive-content': { label: '敏感内容', ruleId: 'R-LIVE-SCREEN', exitGround: 10 },
  'below-480p': { label: '画质低于 480P', ruleId: 'R-VIDEO-480P' },
  'av-problem': { label: '音画问题', ruleId: 'R-VIDEO-480P' },
  'venue-mismatch': { label: '场地不符', ruleId: 'R-VENUE', exitGround: 7 },
  other: { label: '其他', ruleId: 'R-EXIT-10' },
};

export const findingSeverities = ['note', 'minor', 'serious'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];
export const SEVERITY_LABEL: Record<FindingSeverity, string> = {
  note: '提示',
  minor: '一般',
  serious: '严重',
};

/**
 * A grab travels in the result bundle beside its finding, and a whole bundle passes the IPC
 * gate in one message: a 1080p PNG is 2–4 MB, so 12 MiB leaves room without letting one grab
 * crowd out the rest (the player scales a larger frame down until it fits).
 */
export const MAX_FRAME_GRAB_BYTES = 12 * 1024 * 1024;

export const frameGrabSchema = z
  .object({
    /** The evidence file's own id (its bundle entry is files/frames/<id>.png). */
    id: recordId,
    sha256: sha256Hex,
    size: z.number().int().positive().max(MAX_FRAME_GRAB_BYTES),
    mediaType: z.literal('image/png'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Media time of the grabbed frame, seconds. */
    mediaTime: z.number().min(0),
  })
  .strict();
export type FrameGrab = z.infer<typeof frameGrabSchema>;

export const auditFindingPayloadSchema = z
  .object({
    packageId: recordId,
    classId: recordId,
    organizerId: recordId,
    sessionId: recordId,
    fileId: recordId,
    /** The verified video's SHA-256: what the media time refers to. */
    videoSha256: sha256Hex,
    category: z.enum(findingCategories),
    ruleId: z.string().min(1).max(32),
    exitGround: z.number().int().min(1).max(10).optional(),
    severity: z.enum(findingSeverities),
    note: z.string().max(2000),
    /** Media seconds; `end` present for a range. */
    start: z.number().min(0),
    end: z.number().min(0).optional(),
    /** Wall-clock instant in the session (session start + media time), when known. */
    wallClock: isoInstant.optional(),
    frameGrab: frameGrabSchema.optional(),
    profileId: recordId.optional(),
  })
  .strict()
  .refine((f) => f.end === undefined || f.end >= f.start, {
    message: '结束时间不能早于开始时间',
    path: ['end'],
  });
export type AuditFindingPayload = z.infer<typeof auditFindingPayloadSchema>;

/** The rule and exit ground a finding carries: the ground only for a serious one. */
export function classify(
  category: FindingCategory,
  severity: FindingSeverity,
): { ruleId: RuleId; exitGround?: number } {
  const def = CATEGORIES[category];
  return severity === 'serious' && def.exitGround !== undefined
    ? { ruleId: def.ruleId, exitGround: def.exitGround }
    : { ruleId: def.ruleId };
}
