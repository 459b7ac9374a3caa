// A value read from the profile directory that stays current: read on mount and again after
// every change made through the directory (the directory is only written from this window).
import { useEffect, useState } from 'react';
import type { DirectoryDb } from './directory';

/**
 * undefined until the first read has answered. `read` must be a stable function (declared at
 * module level): a new one each render would subscribe and read again on every render.
 * `initial`, when the caller has just read the same value, is shown from the first frame and
 * replaces the first read; later changes come through the subscription as always.
 */
export function useDirectory<T>(
  dir: DirectoryDb,
  read: (dir: DirectoryDb) => Promise<T>,
  initial?: T,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  const known = initial !== undefined;
  useEffect(() => {
    let latest = 0;
    let live = true;
    const refresh = () => {
      // Two changes in a row start two reads; only the later one's answer is shown.
      const mine = ++latest;
      void read(dir).then((v) => {
        if (live && mine === latest) setValue(() => v);
      });
    };
    if (!known) refresh();
    const unsubscribe = dir.subscribe(refresh);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [dir, read, known]);
  return value;
}
