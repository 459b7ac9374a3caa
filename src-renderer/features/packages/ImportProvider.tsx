// One import at a time for the whole window: the settings card's button, Ctrl+O and a file
// dropped anywhere on the window all start the same flow and share one progress dialog.
import { Box, Overlay, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Importer } from '../../../src-shared/ipc/packages';
import type { Profile } from '../../../src-shared/profiles/roles';
import { getApi } from '../../app/api';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ImportModal } from './ImportModal';
import {
  checkDropped,
  ImportControl,
  paceRowProgress,
  runImport,
  type ImportSource,
  type ImportView,
  untrustedHints,
} from './importFlow';

interface ImportContextValue {
  importer: Importer;
  start: (source: ImportSource) => void;
  /** For drop targets: checks the dropped files and starts (or explains why not). */
  startDropped: (files: FileList | File[]) => void;
}

const ImportContext = createContext<ImportContextValue | null>(null);

export function usePackageImport(): ImportContextValue {
  const value = useContext(ImportContext);
  if (!value) throw new Error('usePackageImport outside PackageImportProvider');
  return value;
}

/**
 * What to do about a package signed by a key this user does not trust depends on who imports:
 * a demo user, a user already enrolled with the platform, or one not yet enrolled.
 */
function useUntrustedHint(view: ImportView | null, profile: Profile): Record<string, string> {
  const untrusted = view?.step === 'failed' && view.code === 'untrusted-signer';
  const [enrolled, setEnrolled] = useState<boolean | null>(null);
  useEffect(() => {
    if (!untrusted || profile.demo) return;
    let live = true;
    void getApi()
      ?.keys.status({ profileId: profile.id })
      .then((r) => live && setEnrolled(r.ok && r.value.enrollment !== null));
    return () => {
      live = false;
    };
  }, [untrusted, profile.id, profile.demo]);
  return untrustedHints(profile.demo === true, enrolled);
}

const isOver = (v: ImportView | null) =>
  v === null || v.step === 'finished' || v.step === 'failed' || v.step === 'cancelled';

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function PackageImportProvider({
  profile,
  children,
}: {
  profile: Profile;
  children: ReactNode;
}) {
  const db = useDb();
  const [view, setView] = useState<ImportView | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [dragging, setDragging] = useState(false);
  const control = useRef<ImportControl | null>(null);
  // True from start until the flow has ended: a second start meanwhile is ignored.
  const busy = useRef(false);
  const importer = useMemo(
    () => ({ profileId: profile.id, demo: profile.demo === true }),
    [profile.id, profile.demo],
  );

  const start = useCallback(
    (source: ImportSource) => {
      if (busy.current) return;
      const api = getApi();
      if (!api) {
        setView({ step: 'failed', code: 'no-bridge', message: t.boot.noBridge });
        return;
      }
      const c = new ImportControl();
      control.current = c;
      busy.current = true;
      setCancelling(false);
      const paced = paceRowProgress(setView);
      void runImport(
        { api: api.packages, jobs: api.jobs, db, importer },
        source,
        c,
        paced.show,
      ).finally(() => {
        paced.dispose();
        busy.current = false;
      });
    },
    [db, importer],
  );

  const startDropped = useCallback(
    (files: FileList | File[]) => {
      if (busy.current) return;
      const list = [...files];
      const problem = checkDropped(list);
      if (problem) setView({ step: 'failed', code: 'not-a-package', message: problem });
      else start({ kind: 'file', file: list[0] as File });
    },
    [start],
  );

  const cancel = useCallback(() => {
    setCancelling(true);
    control.current?.cancel();
  }, []);

  useHotkeys([['mod+O', () => start({ kind: 'dialog' })]]);

  // The whole window is a drop target. Without preventDefault Chromium would try to open the
  // file as a page (Electron blocks that navigation, but the drop would be lost silently).
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (e.dataTransfer) startDropped(e.dataTransfer.files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [startDropped]);

  const hints = useUntrustedHint(view, profile);
  const value = useMemo(() => ({ importer, start, startDropped }), [importer, start, startDropped]);
  return (
    <ImportContext.Provider value={value}>
      {children}
      {dragging && isOver(view) && (
        <Overlay fixed color="#1c7ed6" backgroundOpacity={0.15} blur={1} zIndex={400}>
          <Box
            data-testid="import-drop-overlay"
            style={{ display: 'grid', placeItems: 'center', height: '100%', pointerEvents: 'none' }}
          >
            <Text fz="xl" fw={600} c="blue">
              {t.packageImport.dropOverlay}
            </Text>
          </Box>
        </Overlay>
      )}
      <ImportModal
        view={view}
        cancelling={cancelling}
        onCancel={cancel}
        onClose={() => setView(null)}
        hints={hints}
      />
    </ImportContext.Provider>
  );
}
