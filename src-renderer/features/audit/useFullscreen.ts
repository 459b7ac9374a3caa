// Full screen for the player: the Fullscreen API on the player's own box (main allows the
// 'fullscreen' permission to the app's origin only, src-main/security/permissions.ts), and, where
// the host refuses it (an older build, a policy, a browser preview), the box fills the window.
import { useCallback, useEffect, useState, type RefObject } from 'react';

export type FullscreenMode = 'none' | 'api' | 'window';

export function useFullscreen(box: RefObject<HTMLElement | null>) {
  const [mode, setMode] = useState<FullscreenMode>('none');

  useEffect(() => {
    // Esc, or the system leaving full screen, ends it without a key reaching the player.
    const onChange = () =>
      setMode((m) =>
        document.fullscreenElement === box.current ? 'api' : m === 'api' ? 'none' : m,
      );
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [box]);

  const toggle = useCallback(async () => {
    const el = box.current;
    if (!el) return;
    if (document.fullscreenElement === el) {
      await document.exitFullscreen().catch(() => undefined);
      setMode('none');
      return;
    }
    if (mode === 'window') return setMode('none');
    try {
      if (typeof el.requestFullscreen !== 'function') throw new Error('no Fullscreen API');
      await el.requestFullscreen();
      setMode('api');
    } catch {
      setMode('window');
    }
  }, [box, mode]);

  return { mode, toggle };
}
