// The workstation's top-level state: the profile directory is opened at start; a profile's own
// database only once that profile is open (unlocked). Locking (切换用户, the idle timer) closes
// the database and drops every screen with it, because the screens only exist inside 'open'.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Profile } from '../../src-shared/profiles/roles';
import { DirectoryDb } from '../db/directory';
import {
  closeSession,
  needsPassphrase,
  openSession,
  type Opened,
  type SessionApi,
} from '../features/profiles/session';
import { getApi } from './api';
import { t } from './strings';

export type WorkstationState =
  | { phase: 'opening' }
  | { phase: 'failed'; title: string; message: string }
  /**
   * `unlock`: the profile whose passphrase is asked first (the last one in use). `profiles`:
   * the directory as read at start, so the picker's first frame already lists everyone.
   */
  | {
      phase: 'picker';
      api: SessionApi;
      dir: DirectoryDb;
      unlock: Profile | null;
      profiles?: Profile[];
    }
  | { phase: 'open'; api: SessionApi; dir: DirectoryDb; opened: Opened };

export interface Workstation {
  state: WorkstationState;
  retry: () => void;
  /** The picker reports a profile it opened. */
  entered: (opened: Opened) => void;
  /** Locks the open profile; `reopen` keeps its passphrase asked (idle lock), else the picker. */
  lock: (reopen: boolean) => Promise<void>;
}

async function boot(): Promise<WorkstationState> {
  const api = getApi();
  if (!api) return { phase: 'failed', title: t.boot.dbFailed, message: t.boot.noBridge };
  const dir = new DirectoryDb();
  try {
    await dir.open();
  } catch (error) {
    return { phase: 'failed', title: t.boot.dbFailed, message: String((error as Error).message) };
  }
  const { current: last, profiles } = await dir.readStart();
  if (!last) return { phase: 'picker', api, dir, unlock: null, profiles };
  // The last profile reopens by itself only when it has nothing to unlock (a demo profile
  // without a key); anyone else is asked for the passphrase again after a restart or reload.
  if ((await needsPassphrase(api, last.id)) !== false) {
    return { phase: 'picker', api, dir, unlock: last, profiles };
  }
  const opened = await openSession({ api, dir }, last);
  if (!opened.ok) return { phase: 'failed', title: t.boot.dbFailed, message: opened.message };
  return { phase: 'open', api, dir, opened };
}

let early: Promise<WorkstationState> | null = null;

/**
 * Starts the first boot before React's first render: the directory database then opens while
 * the page renders its opening screen, not after that screen's effects have run. The first
 * useWorkstation takes it; a retry boots afresh.
 */
export function startBoot(): void {
  early ??= boot();
  // Handled where it is taken; this only keeps a failure before then from counting as unhandled.
  early.catch(() => undefined);
}

function takeBoot(attempt: number): Promise<WorkstationState> {
  const started = attempt === 0 ? early : null;
  early = null;
  return started ?? boot();
}

export function useWorkstation(): Workstation {
  const [state, setState] = useState<WorkstationState>({ phase: 'opening' });
  const [attempt, setAttempt] = useState(0);
  // The callbacks read the latest state without being recreated on every change.
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);
  useEffect(() => {
    let live = true;
    void takeBoot(attempt).then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    setState({ phase: 'opening' });
    setAttempt((a) => a + 1);
  }, []);
  const entered = useCallback((opened: Opened) => {
    setState((s) => (s.phase === 'picker' ? { phase: 'open', api: s.api, dir: s.dir, opened } : s));
  }, []);
  const lock = useCallback(async (reopen: boolean) => {
    const s = current.current;
    if (s.phase !== 'open') return;
    // Screens go first, then the database closes under no one's feet.
    setState({ phase: 'picker', api: s.api, dir: s.dir, unlock: reopen ? s.opened.profile : null });
    await closeSession(s.api, s.opened);
  }, []);
  return { state, retry, entered, lock };
}
