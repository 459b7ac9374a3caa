// The one way a zod failure becomes words: which field, and what is wrong with it. Requests,
// events, manifests, bundles and the policy CLI's files all say it this way; only the name of
// "the whole thing" differs per caller.
import type { z } from 'zod';

export type ZodIssues = readonly z.core.$ZodIssue[];

/**
 * Where an issue is. 'dots' ('files.2.sha256') is how request fields are named; 'brackets'
 * ('records.trainees[2].id') reads better for files people edit by hand.
 */
export function issuePath(
  path: readonly PropertyKey[],
  root: string,
  style: 'dots' | 'brackets' = 'dots',
): string {
  if (path.length === 0) return root;
  if (style === 'dots') return path.map(String).join('.');
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** The first issue: its field (or `root`) and zod's message. */
export function firstIssue(issues: ZodIssues, root: string): { field: string; message: string } {
  const first = issues[0];
  return {
    field: first ? issuePath(first.path, root) : root,
    message: first?.message ?? '格式不正确',
  };
}

/** Every issue, each with its field, in one line: fixing a file one problem at a time is slow. */
export function allIssues(issues: ZodIssues, root: string): string {
  return issues.map((i) => `${issuePath(i.path, root, 'brackets')}：${i.message}`).join('；');
}
