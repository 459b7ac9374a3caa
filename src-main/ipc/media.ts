// The media drive: the folder comes from the native folder dialog (through the host), the
// service verifies it as a job, and the verified files become servable by the app:// handler
// through the shared VerifiedMedia the glue also hands to that handler.
import path from 'node:path';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, ok } from '../../src-shared/ipc/result';
import { MediaJobs } from '../services/media/mediaJobs';
import { VerifiedMedia } from '../services/media/verifiedMedia';
import type { MainContext } from './context';
import { createJobEmitter, noEvents } from './jobEvents';

/** The per-profile verified caches (resumable verification) live here. */
export const mediaCacheDir = (ctx: Pick<MainContext, 'userDataDir'>) =>
  path.join(ctx.userDataDir, 'media');

export function mediaHandlers(ctx: MainContext): QihangHandlers['media'] {
  const events = createJobEmitter(ctx.sendEvent ?? noEvents);
  const jobs: MediaJobs = new MediaJobs({
    verified: ctx.media ?? new VerifiedMedia(),
    cacheDir: mediaCacheDir(ctx),
    onChange: (jobId) => {
      const r = jobs.progress(jobId);
      if (!r.ok) return;
      const p = r.progress;
      if (p.state === 'running') events.progress('media', jobId, p);
      else if (p.state === 'done') events.done('media', jobId, p);
      else
        events.failed(
          'media',
          jobId,
          p.error ?? { code: 'cancelled', message: '已停止校验媒体文件夹，已校验的文件仍可使用' },
        );
    },
  });
  return {
    attach: async ({ profileId, files }) => {
      const folder = await ctx.dialogs.openFolder({
        title: '选择媒体文件夹（录像、片段、课程包）',
      });
      if (folder === null) return ok({ jobId: null, folder: null });
      const started = jobs.start(profileId, folder, files);
      return ok({ jobId: started.jobId, folder });
    },
    progress: ({ jobId }) => {
      const r = jobs.progress(jobId);
      return r.ok ? ok(r.progress) : fail(r.code, r.message);
    },
    cancel: ({ jobId }) => {
      const r = jobs.cancel(jobId);
      return r.ok ? ok({ cancelled: r.cancelled }) : fail(r.code, r.message);
    },
    status: ({ profileId }) => ok(jobs.status(profileId)),
  };
}
