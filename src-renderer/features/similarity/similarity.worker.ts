// The pre-check's Web Worker: fetches each plan from the app:// files route, reads its pdf.js
// text layer, and compares the package's plans. pdf.js runs inside this worker with its own
// worker disabled: importing pdf.worker.mjs here registers its message handler in this thread
// (globalThis.pdfjsWorker), so pdf.js needs no second worker script and no network.
import * as pdfjs from 'pdfjs-dist';
import 'pdfjs-dist/build/pdf.worker.mjs';
import {
  FORM_PAGE,
  type SimilarityDoc,
  type SimilarityPage,
} from '../../../src-shared/similarity/document';
import { precheck } from '../../../src-shared/similarity/precheck';
import type { SimilarityFailure } from '../../db/types';
import { pdfPages } from './pdfText';
import type { ExtractJob, RunRequest, WorkerMessage } from './protocol';
import { similarityStrings } from '../../app/strings/similarity';
import {
  parseReaderFileError,
  type ReaderFileErrorCode,
} from '../../../src-shared/reader/fileErrors';

const s = similarityStrings.worker;

const refusalSentence: Partial<Record<ReaderFileErrorCode, string>> = {
  'not-a-pdf': s.notReadable,
  'wrong-file-type': s.notReadable,
  'hash-mismatch': s.hashMismatch,
  'file-external': similarityStrings.fileUnavailable,
  'file-missing': similarityStrings.fileUnavailable,
  'file-unknown': similarityStrings.fileUnavailable,
};
const post = (m: WorkerMessage) => postMessage(m);

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Failed = { message: string; detail?: string };

const why = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function extract(job: ExtractJob): Promise<SimilarityPage[] | Failed> {
  let response: Response;
  try {
    response = await fetch(job.url);
  } catch (e) {
    return { message: s.fetchFailed, detail: why(e) };
  }
  if (!response.ok) {
    // The files route's refusal names the file by its path in the package, which is the
    // platform's filing, not the person's: the sentence comes from its code, the rest is 详情.
    const refused = parseReaderFileError(response.status, await response.json().catch(() => null));
    return {
      message: refusalSentence[refused.code] ?? s.fetchFailed,
      detail: `HTTP ${refused.status} ${refused.code}\n${refused.message}`,
    };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The cache is keyed by hash: text is stored only for bytes that are what the manifest says.
  if ((await sha256Hex(bytes)) !== job.sha256) return { message: s.hashMismatch };
  try {
    return await pdfPages(pdfjs, bytes);
  } catch (e) {
    return { message: s.notReadable, detail: why(e) };
  }
}

async function run(request: RunRequest): Promise<void> {
  const failures: SimilarityFailure[] = [...request.failures];
  const docs: SimilarityDoc[] = [];
  const texts = new Map(Object.entries(request.cached));
  const total = request.jobs.length;
  for (const [i, job] of request.jobs.entries()) {
    post({ type: 'progress', phase: 'extract', done: i, total, current: job.planTitle });
    let pages = texts.get(job.sha256);
    if (!pages) {
      const got = await extract(job);
      if (!Array.isArray(got)) {
        failures.push({ submissionId: job.submissionId, fileLabel: job.fileLabel, ...got });
        continue;
      }
      pages = got;
      texts.set(job.sha256, pages);
      post({ type: 'extracted', sha256: job.sha256, pages });
    }
    docs.push({
      id: job.submissionId,
      pages: [{ page: FORM_PAGE, text: job.formText }, ...pages],
    });
  }
  post({ type: 'progress', phase: 'compare', done: total, total });
  const result = precheck(docs, request.options);
  post({ type: 'done', result, failures });
}

addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as Partial<RunRequest> | null;
  // pdf.js's own handler shares this port; its messages carry no `type: 'run'`.
  if (data?.type !== 'run') return;
  run(data as RunRequest).catch((e: unknown) =>
    post({ type: 'error', message: s.crashed, detail: why(e) }),
  );
});
