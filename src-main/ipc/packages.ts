import path from 'node:path';
import { fail, ok } from '../../src-shared/ipc/result';
import type { ImportRowsPage } from '../../src-shared/ipc/packages';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { openWorkPackage } from '../services/packages/open';
import { ImportJobs } from '../services/packages/jobs';
import { pinProfileKind } from '../services/packages/profileKinds';
import { keepVerifiedPackage, packageStoreDir } from '../services/packages/store';
import { readDemoKey, trustForImporter, type Importer } from '../services/packages/trust';
import type { MainContext } from './context';
import { createJobEmitter, noEvents, type JobEmitter } from './jobEvents';
import { keysDir } from './keyFiles';

export const DEMO_PACKAGE = 'demo/demo.qhpkg';

/** Where each profile's pinned platform keys live (see services/keys/enrollment.ts). */
/** Dropped packages are received here and removed once verified, refused or cancelled. */
export const uploadDirOf = (ctx: Pick<MainContext, 'userDataDir'>) =>
  path.join(ctx.userDataDir, 'import-uploads');

/** One change of an import job as its event: progress while it runs, then done or failed. */
function reportImport(jobs: ImportJobs, events: JobEmitter, jobId: string): void {
  const status = jobs.status(jobId);
  if (!status.ok) return;
  const { error, ...progress } = status.status;
  // The result itself stays in main until the page takes it (packages:takeImportResult, then
  // its rows page by page through packages:takeImportRows).
  if (progress.phase === 'done') events.done('import', jobId, progress);
  else if (progress.phase === 'failed' || progress.phase === 'cancelled')
    events.failed(
      'import',
      jobId,
      error ?? { code: 'unknown', message: `导入工作包“${progress.fileName}”未完成` },
    );
  else events.progress('import', jobId, progress);
}

const QHPKG_FILTER = { name: '启航工作包（*.qhpkg）', extensions: ['qhpkg'] };

export function packagesHandlers(
  ctx: MainContext,
  open: typeof openWorkPackage = openWorkPackage,
): QihangHandlers['packages'] {
  const storeDir = packageStoreDir(ctx.userDataDir);
  const events = createJobEmitter(ctx.sendEvent ?? noEvents);
  const jobs: ImportJobs = new ImportJobs({
    uploadDir: uploadDirOf(ctx),
    open,
    // The reader serves submission files from this copy, checked again on every read.
    keep: (packagePath, result) => keepVerifiedPackage(storeDir, packagePath, result),
    onChange: (jobId) => reportImport(jobs, events, jobId),
  });
  const trustFor = (importer: Importer) =>
    trustForImporter({ importer, keysDir: keysDir(ctx), resourcesDir: ctx.resourcesDir });
  // The demo's recordings travel beside the bundled package; a demo profile may re-import it.
  const mediaDirsFor = (importer: Importer, packageDir?: string) => [
    ...(packageDir ? [packageDir] : []),
    ...(importer.demo ? [path.join(ctx.resourcesDir, 'demo', 'media')] : []),
  ];

  return {
    loadDemo: async ({ importer }) => {
      // The same second line as any import: main holds the profile to its demo/normal kind, so
      // a normal profile can never be handed the demo records, whatever the renderer asks.
      if (!importer.demo) {
        return fail(
          'demo-for-normal-profile',
          '演示工作包只能载入演示用户，正式用户不能使用演示数据',
        );
      }
      const pinned = await pinProfileKind(keysDir(ctx), importer.profileId, true);
      if (!pinned.ok) return fail(pinned.code, pinned.message);
      const trust = await readDemoKey(ctx.resourcesDir);
      if (!trust.ok) return fail(trust.code, trust.message);
      const opened = await openWorkPackage(path.join(ctx.resourcesDir, DEMO_PACKAGE), {
        trustedKeys: trust.keys,
        externalMediaDirs: [path.join(ctx.resourcesDir, 'demo', 'media')],
      });
      if (!opened.ok) return fail(opened.code, opened.message);
      const kept = await keepVerifiedPackage(
        storeDir,
        path.join(ctx.resourcesDir, DEMO_PACKAGE),
        opened,
      );
      if (!kept.ok) return fail(kept.code, kept.message);
      return ok({
        manifest: opened.manifest,
        envelopeHash: opened.envelopeHash,
        signedBy: opened.signedBy,
        files: opened.files,
        policyPacks: opened.policyPacks,
      });
    },

    chooseAndOpen: async ({ importer }) => {
      // Trust first: without a pinned platform key there is no point in choosing a file.
      const trust = await trustFor(importer);
      if (!trust.ok) return fail(trust.code, trust.message);
      const chosen = await ctx.dialogs.openFile({
        title: '选择要导入的工作包',
        filters: [QHPKG_FILTER],
      });
      if (chosen === null) return ok({ jobId: null });
      const started = jobs.startFile(
        chosen,
        trust.keys,
        mediaDirsFor(importer, path.dirname(chosen)),
        trust.predecessors,
      );
      return ok({ jobId: started.jobId });
    },

    beginUpload: async ({ importer, fileName, size }) => {
      const trust = await trustFor(importer);
      if (!trust.ok) return fail(trust.code, trust.message);
      const begun = await jobs.beginUpload(
        fileName,
        size,
        trust.keys,
        mediaDirsFor(importer),
        trust.predecessors,
      );
      return begun.ok ? ok({ jobId: begun.jobId }) : fail(begun.code, begun.message);
    },

    uploadChunk: async ({ jobId, offset, data }) => {
      const bytes = new Uint8Array(Buffer.from(data, 'base64'));
      const written = await jobs.uploadChunk(jobId, offset, bytes);
      return written.ok ? ok({ received: written.received }) : fail(written.code, written.message);
    },

    finishUpload: async ({ jobId }) => {
      const finished = await jobs.finishUpload(jobId);
      return finished.ok ? ok({ jobId }) : fail(finished.code, finished.message);
    },

    importStatus: ({ jobId }) => {
      const status = jobs.status(jobId);
      return status.ok ? ok(status.status) : fail(status.code, status.message);
    },

    takeImportResult: ({ jobId }) => {
      const taken = jobs.take(jobId);
      return taken.ok ? ok(taken.head) : fail(taken.code, taken.message);
    },

    takeImportRows: ({ jobId, table, offset, limit }) => {
      const page = jobs.takeRows(jobId, table, offset, limit);
      return page.ok
        ? ok({ table, rows: page.rows, done: page.done } as ImportRowsPage)
        : fail(page.code, page.message);
    },

    cancelImport: ({ jobId }) => {
      const cancelled = jobs.cancel(jobId);
      return cancelled.ok
        ? ok({ cancelled: cancelled.cancelled })
        : fail(cancelled.code, cancelled.message);
    },
  };
}
