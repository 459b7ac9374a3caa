// The form state of one review, saved as a draft on every change. Each change is written at
// once, not after the previous write finished: IndexedDB runs read-write transactions on the
// same store in the order they were created, so a later keystroke still never lands before an
// earlier one. Until IndexedDB has it, a synchronous copy (draftMirror.ts) keeps what was typed
// through a closed window. Submission waits for the writes already issued, so a late draft
// write cannot resurrect a draft the submission just removed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../src-shared/time';
import type { WorkstationDb } from '../../db/db';
import {
  discardDraft,
  draftFromReview,
  emptyDraft,
  loadDraft,
  saveDraft,
  type DraftData,
  type ReviewRow,
} from './reviewStore';
import { clearMirror, readMirror, writeMirror } from './draftMirror';

export interface DraftState {
  form: DraftData | null;
  /** The form differs from the version in force and is kept as a draft. */
  dirty: boolean;
  savedAt: string | null;
  saveError: string | null;
  update: (change: (d: DraftData) => DraftData) => void;
  /** Resolves when every queued draft write has finished. */
  flush: () => Promise<void>;
  /** After a submission: the form now equals the stored version. */
  markClean: () => void;
  /** Throw away an unsubmitted change and show the version in force again. */
  discard: () => Promise<void>;
}

export function useReviewDraft(
  db: WorkstationDb,
  profileId: string,
  assignmentId: string,
  latest: ReviewRow | null,
): DraftState {
  const [form, setForm] = useState<DraftData | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const formRef = useRef<DraftData | null>(null);
  const latestRef = useRef(latest);
  const seq = useRef(0);
  useEffect(() => {
    latestRef.current = latest;
  }, [latest]);

  // Load once per assignment (the component is keyed by it): the draft, else the version in
  // force, else an empty form. Not live: the form owns its state while it is open.
  useEffect(() => {
    let live = true;
    void loadDraft(db, profileId, assignmentId).then(async (stored) => {
      // A copy left by a window closed before IndexedDB caught up is newer than the stored
      // draft: store it now, then drop the copy.
      const mirror = readMirror(db.name, assignmentId);
      if (mirror) {
        await saveDraft(db, profileId, assignmentId, mirror.data).then(
          () => clearMirror(db.name, assignmentId, mirror.stamp),
          () => undefined,
        );
      }
      const draft = mirror?.data ?? stored;
      if (!live) return;
      const base = latestRef.current ? draftFromReview(latestRef.current) : emptyDraft();
      formRef.current = draft ?? base;
      setForm(formRef.current);
      setDirty(draft !== null);
    });
    return () => {
      live = false;
    };
  }, [db, profileId, assignmentId]);

  const update = useCallback(
    (change: (d: DraftData) => DraftData) => {
      // Computed from a ref, not inside a state updater: updaters may run twice (StrictMode)
      // and must not queue writes.
      const prev = formRef.current;
      if (!prev) return;
      const next = change(prev);
      formRef.current = next;
      setForm(next);
      setDirty(true);
      const stamp = `${Date.now()}-${++seq.current}`;
      writeMirror(db.name, assignmentId, stamp, next);
      const write = saveDraft(db, profileId, assignmentId, next).then(
        () => {
          clearMirror(db.name, assignmentId, stamp);
          setSavedAt(formatDateTime(new Date()).slice(11));
          setSaveError(null);
        },
        (e: unknown) => setSaveError(e instanceof Error ? e.message : String(e)),
      );
      chain.current = Promise.all([chain.current, write]).then(() => undefined);
    },
    [db, profileId, assignmentId],
  );

  const flush = useCallback(() => chain.current, []);
  const markClean = useCallback(() => {
    clearMirror(db.name, assignmentId);
    setDirty(false);
    setSavedAt(null);
  }, [db, assignmentId]);
  const discard = useCallback(async () => {
    await chain.current;
    clearMirror(db.name, assignmentId);
    await discardDraft(db, profileId, assignmentId);
    formRef.current = latestRef.current ? draftFromReview(latestRef.current) : emptyDraft();
    setForm(formRef.current);
    setDirty(false);
    setSavedAt(null);
  }, [db, profileId, assignmentId]);

  return { form, dirty, savedAt, saveError, update, flush, markClean, discard };
}
