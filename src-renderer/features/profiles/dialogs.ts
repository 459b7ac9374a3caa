// The picker's two dialogs load on demand: Mantine's Modal brings its scroll area, and with it
// floating-ui, focus trapping and scroll locking, ~80 KB the first screen would otherwise parse
// and run on every start before the picker shows. The unlock dialog is fetched as soon as the
// start finds a profile to unlock (loadUnlockModal), so it is there by the time the picker is.
import { lazy } from 'react';

export const loadUnlockModal = () => import('./UnlockModal');

export const UnlockModal = lazy(() => loadUnlockModal().then((m) => ({ default: m.UnlockModal })));

export const DeleteProfileModal = lazy(() =>
  import('./DeleteProfileModal').then((m) => ({ default: m.DeleteProfileModal })),
);
