// The picker's one dialog loads on demand: Mantine's Modal brings its scroll area, and with it
// floating-ui, focus trapping and scroll locking, ~80 KB the first screen would otherwise parse
// and run on every start before the picker shows. (Unlocking is not a dialog: UnlockPanel.)
import { lazy } from 'react';

export const DeleteProfileModal = lazy(() =>
  import('./DeleteProfileModal').then((m) => ({ default: m.DeleteProfileModal })),
);
