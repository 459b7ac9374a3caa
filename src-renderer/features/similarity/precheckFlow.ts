// Runs one pre-check of a package: gathers its plans and their files from Dexie, hands them to
// the worker with the texts already cached, stores each newly extracted text by file hash as it
// arrives (so a cancelled run keeps its work) and the result when it completes. Never throws:
// every outcome is a state the panel shows. The worker is a parameter, so tests pass a fake.
import type { SimilarityPage } from '../../../src-shared/similarity/document';
import { similarityStrings as s } from '../../app/strings/similarity';
import type { WorkstationDb } from '../../db/db';
import type { SimilarityFailure } from '../../db/types';
import { packageFileUrl } from '../../../src-shared/reader/fileUrl';
import { EXTRACTOR, isWorkerMessage, type ExtractJob, type RunRequest } from './protocol';

/** Outcome kinds that are plans; the online portfolio is a sales record, not prose. */
const PLAN_KINDS = new Set(['business-plan', 'online-plan', 'commercial-plan', 'strategy-plan']);

export interface WorkerLike {
  postMessage(message: RunRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type PrecheckState =
  | { kind: 'running'; phase: 'extract' | 'compare'; done: number; total: number; current?: string }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string; detail?: string };

export async function buildRunRequest(db: WorkstationDb, packageId: string): Promise<RunRequest> {
  const [submissions, rubrics] = await Promise.all([
    db.submissions.where('packageId').equals(packageId).toArray(),
    db.rubrics.where('packageId').equals(packageId).toArray(),
  ]);
  const plans = submissions
    .filter((sub) => PLAN_KINDS.has(sub.kind))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const files = await db.files.bulkGet(plans.map((p) => p.fileId));
  const jobs: ExtractJob[] = [];
  const failures: SimilarityFailure[] = [];
  plans.forEach((sub, i) => {
    const file = files[i];
    if (!file) {
      failures.push({
        submissionId: sub.id,
        fileLabel: sub.fileId,
        message: s.fileUnknown,
      });
    } else if (file.location !== 'package') {
      failures.push({
        submissionId: sub.id,
        fileLabel: file.path,
        message: s.fileUnavailable,
      });
    } else {
      jobs.push({
        submissionId: sub.id,
        formText: sub.title,
        sha256: file.sha256,
        url: packageFileUrl(packageId, file.sha256),
        fileLabel: file.path,
        planTitle: sub.title,
      });
    }
  });
  const cachedRows = await db.similarityTexts.bulkGet([...new Set(jobs.map((j) => j.sha256))]);
  const cached: Record<string, SimilarityPage[]> = {};
  for (const row of cachedRows)
    if (row && row.extractor === EXTRACTOR) cached[row.sha256] = row.pages;
  // The rubric's own wording is template by definition: a plan that repeats it copies nobody.
  const templatePhrases = rubrics.flatMap((r) => [r.title, ...r.criteria.map((c) => c.label)]);
  return { type: 'run', jobs, cached, options: { templatePhrases }, failures };
}

export interface PrecheckRun {
  cancel(): void;
  finished: Promise<PrecheckState>;
}

export function startPrecheck(
  db: WorkstationDb,
  packageId: string,
  makeWorker: () => WorkerLike,
  onState: (state: PrecheckState) => void,
  now: () => Date = () => new Date(),
): PrecheckRun {
  let worker: WorkerLike | null = null;
  let settle: (state: PrecheckState) => void = () => undefined;
  let settled = false;
  const finished = new Promise<PrecheckState>((resolve) => {
    settle = (state) => {
      if (settled) return;
      settled = true;
      worker?.terminate();
      onState(state);
      resolve(state);
    };
  });
  // Texts are written in order, and the result only after all of them.
  let writes: Promise<unknown> = Promise.resolve();
  const write = (fn: () => Promise<unknown>) => {
    writes = writes.then(fn);
    return writes;
  };

  const begin = async () => {
    const [pkg, request] = await Promise.all([
      db.packages.get(packageId),
      buildRunRequest(db, packageId),
    ]);
    if (settled) return;
    if (!pkg) return settle({ kind: 'error', message: s.noPackage });
    onState({ kind: 'running', phase: 'extract', done: 0, total: request.jobs.length });
    worker = makeWorker();
    worker.onerror = (e) => settle({ kind: 'error', message: s.crashed, detail: e.message });
    worker.onmessage = (event) => {
      const m = event.data;
      if (!isWorkerMessage(m) || settled) return;
      if (m.type === 'progress') {
        onState({
          kind: 'running',
          phase: m.phase,
          done: m.done,
          total: m.total,
          current: m.current,
        });
      } else if (m.type === 'extracted') {
        void write(() =>
          db.similarityTexts.put({
            sha256: m.sha256,
            extractor: EXTRACTOR,
            extractedAt: now().toISOString(),
            pages: m.pages,
          }),
        );
      } else if (m.type === 'error') {
        settle({ kind: 'error', message: m.message, detail: m.detail });
      } else {
        write(() =>
          db.similarityResults.put({
            packageId,
            envelopeHash: pkg.envelopeHash,
            ranAt: now().toISOString(),
            result: m.result,
            failures: m.failures,
          }),
        ).then(
          () => settle({ kind: 'done' }),
          (e: unknown) => settle({ kind: 'error', message: s.crashed, detail: String(e) }),
        );
      }
    };
    worker.postMessage(request);
  };
  begin().catch((e: unknown) =>
    settle({
      kind: 'error',
      message: s.crashed,
      detail: e instanceof Error ? e.message : String(e),
    }),
  );
  return { cancel: () => settle({ kind: 'cancelled' }), finished };
}
