// SHA-256 of big files off the main thread. One worker per verify job hashes the files main
// sends it, one at a time, through one reused buffer (memory stays flat whatever the size),
// and reports bytes as it goes. The worker's source is a small CommonJS string run with
// `eval: true`, so the same code runs in the bundled Electron main, in the harness and in
// tests, with no separate build entry. Cancelling terminates the worker.
import { Worker } from 'node:worker_threads';
import type { Failure } from '../../../src-shared/failure';

/** 4 MiB reads: fewer syscalls than 1 MiB, measured in bench/hash.bench.ts. */
export const HASH_CHUNK_BYTES = 4 * 1024 * 1024;
/** Progress is posted every this many bytes, not every read. */
const REPORT_BYTES = 16 * 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, fstatSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(workerData.chunk);
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const before = fstatSync(fd);
    if (!before.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const hash = createHash('sha256');
    let n = 0, total = 0, unreported = 0;
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
      hash.update(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      unreported += n;
      if (unreported >= workerData.report) {
        parentPort.postMessage({ id, type: 'bytes', bytes: unreported });
        unreported = 0;
      }
    }
    const after = fstatSync(fd);
    parentPort.postMessage({
      id, type: 'done', bytes: unreported, sha256: hash.digest('hex'), size: total,
      mtimeMs: before.mtimeMs,
      changed: after.size !== before.size || after.mtimeMs !== before.mtimeMs || total !== before.size,
    });
  } catch (error) {
    parentPort.postMessage({ id, type: 'error', code: String(error && error.code || 'EIO'), message: String(error && error.message) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

export interface HashedFile {
  sha256: string;
  size: number;
  /** mtime when the file was opened; with size, the key of the verified cache. */
  mtimeMs: number;
  /** The file changed while it was read: the hash proves nothing. */
  changed: boolean;
}

export type HashOutcome = { ok: true; file: HashedFile } | Failure;

type WorkerMessage =
  | { id: number; type: 'bytes'; bytes: number }
  | ({ id: number; type: 'done'; bytes: number } & HashedFile)
  | { id: number; type: 'error'; code: string; message: string };

export class HashWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { onBytes: (n: number) => void; resolve: (outcome: HashOutcome) => void }
  >();
  private stopped = false;

  constructor(options: { chunkBytes?: number } = {}) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { chunk: options.chunkBytes ?? HASH_CHUNK_BYTES, report: REPORT_BYTES },
    });
    this.worker.on('message', (msg: WorkerMessage) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      if (msg.type === 'bytes') {
        waiting.onBytes(msg.bytes);
        return;
      }
      this.pending.delete(msg.id);
      if (msg.type === 'error') {
        waiting.resolve({ ok: false, code: msg.code, message: msg.message });
        return;
      }
      if (msg.bytes > 0) waiting.onBytes(msg.bytes);
      waiting.resolve({
        ok: true,
        file: { sha256: msg.sha256, size: msg.size, mtimeMs: msg.mtimeMs, changed: msg.changed },
      });
    });
    this.worker.on('error', (error) => this.failAll('worker-failed', String(error)));
    this.worker.on('exit', () => this.failAll('cancelled', 'stopped'));
  }

  private failAll(code: string, message: string): void {
    this.stopped = true;
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.resolve({ ok: false, code, message });
    }
  }

  /** Hashes one file; `onBytes` gets the bytes read since its last call. */
  hash(path: string, onBytes: (n: number) => void = () => {}): Promise<HashOutcome> {
    if (this.stopped) return Promise.resolve({ ok: false, code: 'cancelled', message: 'stopped' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { onBytes, resolve });
      this.worker.postMessage({ id, path });
    });
  }

  /** Stops at once, mid-file if need be; waiting hashes answer 'cancelled'. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker.terminate();
  }
}
