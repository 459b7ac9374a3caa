// A page anchor: the expert's pointer from a deduction or a comment to the page of a submitted
// file it rests on (引用此页). It names the file by its SHA-256, so it means the same bytes on
// the chair's workstation and on the platform, whatever the file is called there.
import { z } from 'zod';
import { recordId, sha256Hex } from '../wire/primitives';

export const ANCHOR_QUOTE_MAX = 200;
/** More than this on one review is not citing any more; it also bounds the record's size. */
export const ANCHORS_MAX = 50;
/** Beyond any real plan: a page number past it is a typo or an attack, not a citation. */
export const ANCHOR_PAGE_MAX = 10_000;

export const pageAnchorSchema = z.object({
  fileSha256: sha256Hex,
  page: z
    .number()
    .int('页码须为整数')
    .min(1, '页码从 1 开始')
    .max(ANCHOR_PAGE_MAX, `页码不超过 ${ANCHOR_PAGE_MAX}`),
  /** The text the expert had selected on that page, if any. */
  quote: z.string().trim().min(1).max(ANCHOR_QUOTE_MAX).optional(),
  /** The criterion whose score it supports; absent: it supports the general comment. */
  criterionId: recordId.optional(),
});
export type PageAnchor = z.infer<typeof pageAnchorSchema>;

/** Same file, page and field: citing it again adds nothing. */
export const sameAnchor = (a: PageAnchor, b: PageAnchor) =>
  a.fileSha256 === b.fileSha256 && a.page === b.page && a.criterionId === b.criterionId;

export interface AnchorContext {
  /** The SHA-256 of every file of the submission: an anchor may cite only these. */
  fileSha256s: ReadonlySet<string>;
  criterionIds: ReadonlySet<string>;
  /** Page count by file hash, where it is known (the reader knows it; an intake may not). */
  pageCount?: (fileSha256: string) => number | undefined;
  fileName?: (fileSha256: string) => string | undefined;
}

export interface AnchorIssue {
  path: string[];
  message: string;
}

/** What is wrong with a review's anchors; empty when each cites a real page of its submission. */
export function anchorIssues(anchors: readonly PageAnchor[], ctx: AnchorContext): AnchorIssue[] {
  const issues: AnchorIssue[] = [];
  const path = ['anchors'];
  anchors.forEach((a) => {
    const name = ctx.fileName?.(a.fileSha256) ?? `${a.fileSha256.slice(0, 12)}…`;
    if (!ctx.fileSha256s.has(a.fileSha256)) {
      issues.push({ path, message: `引用的文件 ${name} 不属于该成果` });
      return;
    }
    const pages = ctx.pageCount?.(a.fileSha256);
    if (pages !== undefined && a.page > pages) {
      issues.push({ path, message: `引用的“${name}”第 ${a.page} 页不存在（共 ${pages} 页）` });
    }
    if (a.criterionId !== undefined && !ctx.criterionIds.has(a.criterionId)) {
      issues.push({ path, message: `引用指向的评分项 ${a.criterionId} 不在评审标准中` });
    }
  });
  return issues;
}
