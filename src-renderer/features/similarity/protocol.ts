// Messages between the pre-check flow (page) and its Web Worker. Plain structured-clone data.
import type { SimilarityPage } from '../../../src-shared/similarity/document';
import type { PrecheckOptions, PrecheckResult } from '../../../src-shared/similarity/precheck';
import type { SimilarityFailure } from '../../db/types';

/** Bump when extraction changes what it produces: cached texts of another version are redone. */
export const EXTRACTOR = 'pdfjs-text-v1';

export interface ExtractJob {
  submissionId: string;
  /** Form fields compared with the text (page 0). */
  formText: string;
  sha256: string;
  /** Where the worker fetches the verified bytes (the app:// files route). */
  url: string;
  /** The file's path in the package, for support (behind 详情). */
  fileLabel: string;
  /** The plan's title, for the progress line. */
  planTitle: string;
}

export interface RunRequest {
  type: 'run';
  jobs: ExtractJob[];
  /** Texts already extracted, by file SHA-256. */
  cached: Record<string, SimilarityPage[]>;
  options: Partial<PrecheckOptions>;
  /** Files that could not even be asked for (outside the package, missing). */
  failures: SimilarityFailure[];
}

export type WorkerMessage =
  | {
      type: 'progress';
      phase: 'extract' | 'compare';
      done: number;
      total: number;
      current?: string;
    }
  | { type: 'extracted'; sha256: string; pages: SimilarityPage[] }
  | { type: 'done'; result: PrecheckResult; failures: SimilarityFailure[] }
  | { type: 'error'; message: string; detail?: string };

export function isWorkerMessage(data: unknown): data is WorkerMessage {
  const type = (data as { type?: unknown } | null)?.type;
  return type === 'progress' || type === 'extracted' || type === 'done' || type === 'error';
}
