import { createContext, useContext } from 'react';
import type { DirectoryDb } from '../db/directory';

/** What the shell and the settings screen may do with the open session. */
export interface SessionControls {
  dir: DirectoryDb;
  /** Locks the profile: `reopen` asks its passphrase again (idle lock), else the picker. */
  lock: (reopen: boolean) => Promise<void>;
}

export const SessionContext = createContext<SessionControls | null>(null);

export function useSession(): SessionControls {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}
