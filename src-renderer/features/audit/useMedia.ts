// The media drive as the screen sees it: main's status per declared file (only verified files
// carry a URL), and an attach that asks main for the folder, then polls the verify job.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaFileStatus, MediaProgress, MediaStatus } from '../../../src-shared/ipc/media';
import { getApi } from '../../app/api';
import type { FileRow } from '../../db/types';
import type { ShownError } from '../../components/ErrorNotice';

export interface MediaState {
  status: MediaStatus | null;
  byFile: Map<string, MediaFileStatus>;
  progress: MediaProgress | null;
  error: ShownError | string | null;
  attach: () => Promise<void>;
  cancel: () => Promise<void>;
}

const POLL_MS = 400;

export function useMedia(profileId: string, files: readonly FileRow[]): MediaState {
  const [status, setStatus] = useState<MediaStatus | null>(null);
  const [progress, setProgress] = useState<MediaProgress | null>(null);
  const [error, setError] = useState<ShownError | string | null>(null);
  const alive = useRef(true);

  const refresh = useCallback(async () => {
    const api = getApi();
    if (!api) return;
    const r = await api.media.status({ profileId });
    if (!alive.current) return;
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  }, [profileId]);

  useEffect(() => {
    alive.current = true;
    const api = getApi();
    if (api)
      void api.media.status({ profileId }).then((r) => {
        if (!alive.current) return;
        if (r.ok) setStatus(r.value);
        else setError(r.error);
      });
    return () => {
      alive.current = false;
    };
  }, [profileId]);

  const poll = useCallback(
    async (jobId: string) => {
      const api = getApi();
      if (!api) return;
      for (;;) {
        const r = await api.media.progress({ jobId });
        if (!alive.current) return;
        if (!r.ok) {
          setError(r.error);
          return;
        }
        setProgress(r.value);
        if (r.value.state !== 'running') {
          if (r.value.error) setError(r.value.error);
          await refresh();
          return;
        }
        await new Promise((res) => setTimeout(res, POLL_MS));
      }
    },
    [refresh],
  );

  const attach = useCallback(async () => {
    const api = getApi();
    if (!api) {
      setError('未检测到主进程接口');
      return;
    }
    setError(null);
    const expected = files
      .filter((f) => f.external)
      .map((f) => ({ fileId: f.id, path: f.path, kind: f.kind, size: f.size, sha256: f.sha256 }));
    const r = await api.media.attach({ profileId, files: expected });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    if (r.value.jobId) await poll(r.value.jobId);
  }, [files, poll, profileId]);

  const cancel = useCallback(async () => {
    const api = getApi();
    if (api && progress?.state === 'running') await api.media.cancel({ jobId: progress.jobId });
  }, [progress]);

  const byFile = new Map((status?.files ?? []).map((f) => [f.fileId, f]));
  return { status, byFile, progress, error, attach, cancel };
}
