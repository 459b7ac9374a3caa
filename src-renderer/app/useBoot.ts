import { useCallback, useEffect, useState } from 'react';
import { WorkstationDb } from '../db/db';
import { importVerifiedPackage } from '../db/importPackage';
import { getApi } from './api';
import { t } from './strings';

export type BootState =
  | { phase: 'opening' | 'loading-demo' }
  | { phase: 'ready'; db: WorkstationDb }
  | { phase: 'failed'; title: string; message: string };

async function boot(set: (s: BootState) => void): Promise<void> {
  const api = getApi();
  if (!api) {
    set({ phase: 'failed', title: t.boot.dbFailed, message: t.boot.noBridge });
    return;
  }
  const db = new WorkstationDb();
  try {
    await db.open();
  } catch (error) {
    set({
      phase: 'failed',
      title: t.boot.dbFailed,
      message: String((error as Error).message ?? error),
    });
    return;
  }
  if ((await db.packages.count()) === 0) {
    set({ phase: 'loading-demo' });
    const demo = await api.packages.loadDemo({});
    if (!demo.ok) {
      set({ phase: 'failed', title: t.boot.demoFailed, message: demo.error.message });
      return;
    }
    const outcome = await importVerifiedPackage(db, demo.value);
    if (outcome.kind === 'refused') {
      set({ phase: 'failed', title: t.boot.demoFailed, message: outcome.message });
      return;
    }
  }
  set({ phase: 'ready', db });
}

export function useBoot(): { state: BootState; retry: () => void } {
  const [state, setState] = useState<BootState>({ phase: 'opening' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void boot((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    setState({ phase: 'opening' });
    setAttempt((a) => a + 1);
  }, []);
  return { state, retry };
}
