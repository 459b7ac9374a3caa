// Locks the open profile after the idle time set in 设置 without keyboard, pointer or wheel
// input. A timer restarted on each input (not polling), so an idle station costs nothing.
import { useEffect } from 'react';
import { idleLockMinutes } from '../db/directory';
import { useDirectory } from '../db/useDirectory';
import { useSession } from './sessionContext';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export function useIdleLock(): void {
  const { dir, lock } = useSession();
  const minutes = useDirectory(dir, idleLockMinutes);
  useEffect(() => {
    if (minutes === undefined) return;
    let timer = window.setTimeout(() => void lock(true), minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lock(true), minutes * 60_000);
    };
    for (const e of ACTIVITY) window.addEventListener(e, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, restart);
    };
  }, [minutes, lock]);
}
