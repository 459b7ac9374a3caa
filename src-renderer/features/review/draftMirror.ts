// A synchronous copy of the draft being typed, in localStorage, until IndexedDB holds it.
// An IndexedDB write is asynchronous end to end: when the window closes right after a keystroke
// (a crash, a killed process, a closed browser), queued writes are dropped and the last words
// typed were lost (test/e2e/review-form.spec.ts lost all but the first characters).
// localStorage.setItem is done when it returns, and the browser keeps it through shutdown. The
// copy is removed as soon as IndexedDB has caught up, so it holds at most the open form.
import { z } from 'zod';
import { verdicts } from '../../../src-shared/review/schema';
import type { DraftData } from './reviewStore';

const PREFIX = 'qihang-draft-mirror';
const mirrorSchema = z.object({
  stamp: z.string(),
  data: z.object({
    scores: z.record(z.string(), z.number().nullable()),
    verdict: z.enum(verdicts).nullable(),
    comment: z.string(),
    noConflict: z.boolean(),
  }),
});

const keyOf = (dbName: string, assignmentId: string) => `${PREFIX}:${dbName}:${assignmentId}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Writes the copy; false when the browser refuses (quota, storage off): IndexedDB still saves. */
export function writeMirror(
  dbName: string,
  assignmentId: string,
  stamp: string,
  data: DraftData,
): boolean {
  try {
    storage()?.setItem(keyOf(dbName, assignmentId), JSON.stringify({ stamp, data }));
    return true;
  } catch {
    return false;
  }
}

export function readMirror(
  dbName: string,
  assignmentId: string,
): { stamp: string; data: DraftData } | null {
  const raw = storage()?.getItem(keyOf(dbName, assignmentId));
  if (!raw) return null;
  try {
    const parsed = mirrorSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the copy; with a stamp, only if no later keystroke has replaced it. */
export function clearMirror(dbName: string, assignmentId: string, stamp?: string): void {
  const s = storage();
  if (!s) return;
  if (stamp !== undefined && readMirror(dbName, assignmentId)?.stamp !== stamp) return;
  s.removeItem(keyOf(dbName, assignmentId));
}
