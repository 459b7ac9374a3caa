// The form state of one review, saved as a draft on every change. Saves run one after another
// (a later keystroke never lands before an earlier one), and submission waits for them, so a
// late draft write cannot resurrect a draft the submission just removed.
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
  useEffect(() => {
    latestRef.current = latest;
  }, [latest]);

  // Load once per assignment (the component is keyed by it): the draft, else the version in
  // force, else an empty form. Not live: the form owns its state while it is open.
  useEffect(() => {
    let live = true;
    void loadDraft(db, profileId, assignmentId).then((draft) => {
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
      chain.current = chain.current
        .then(() => saveDraft(db, profileId, assignmentId, next))
        .then(
          () => {
            setSavedAt(formatDateTime(new Date()).slice(11));
            setSaveError(null);
          },
          (e: unknown) => setSaveError(e instanceof Error ? e.message : String(e)),
        );
    },
    [db, profileId, assignmentId],
  );

  const flush = useCallback(() => chain.current, []);
  const markClean = useCallback(() => {
    setDirty(false);
    setSavedAt(null);
  }, []);
  const discard = useCallback(async () => {
    await chain.current;
    await discardDraft(db, profileId, assignmentId);
    formRef.current = latestRef.current ? draftFromReview(latestRef.current) : emptyDraft();
    setForm(formRef.current);
    setDirty(false);
    setSavedAt(null);
  }, [db, profileId, assignmentId]);

  return { form, dirty, savedAt, saveError, update, flush, markClean, discard };
}
