// The media drive as the screen sees it: main's status per declared file (only verified files
// carry a URL), and an attach that asks main for the folder, then follows the verify job's events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Jobs } from '../../../src-shared/ipc/contract';
import { untilJobEnds } from '../../../src-shared/ipc/events';
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

  const follow = useCallback(
    async (jobId: string) => {
      const api = getApi();
      if (!api) return;
      const end = await untilJobEnds<Jobs, 'media'>(api.jobs, 'media', jobId, (p) => {
        if (alive.current) setProgress(p);
      });
      if (!alive.current) return;
      if (end.type === 'done') setProgress(end.data);
      else {
        // Cancelled: the line goes; files verified so far stay verified (status says which).
        setProgress(null);
        if (end.error.code !== 'cancelled') setError(end.error);
      }
      await refresh();
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
    if (r.value.jobId) await follow(r.value.jobId);
  }, [files, follow, profileId]);

  const cancel = useCallback(async () => {
    const api = getApi();
    if (api && progress?.state === 'running') await api.jobs.cancel('media', progress.jobId);
  }, [progress]);

  const byFile = new Map((status?.files ?? []).map((f) => [f.fileId, f]));
  return { status, byFile, progress, error, attach, cancel };
}
