// A yauzl RandomAccessReader that serves small reads from one read-ahead window instead of a
// syscall each. yauzl's own fd reader costs several thread-pool round trips per entry (central
// directory record, local header, data); a package of thousands of small PDFs spends more time
// in those round trips than in hashing. Entries are laid out in order, so one 4 MiB window
// usually holds a hundred of them. Memory stays bounded: one window at a time, and ranges larger
// than the window are streamed straight from the file.
import { close, read } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { RandomAccessReader } from 'yauzl';

const WINDOW_BYTES = 4 * 1024 * 1024;

function readInto(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, length, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    );
  });
}

function readAt(fd: number, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, length, position, (error, bytesRead) =>
      error ? reject(error) : resolve(buffer.subarray(0, bytesRead)),
    );
  });
}

/**
 * Reads [start, end) in 1 MiB chunks. Not fs.createReadStream: destroying one of those closes
 * the descriptor even with autoClose off, and yauzl destroys the streams it is done with.
 */
class RangeStream extends Readable {
  constructor(
    private readonly fd: number,
    private position: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: 1 << 20 });
  }

  override _read(): void {
    const length = Math.min(1 << 20, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    readAt(this.fd, length, this.position).then(
      (bytes) => {
        this.position += bytes.length;
        // A short read means the file ended early; yauzl's byte count turns that into an error.
        this.push(bytes.length > 0 ? bytes : null);
      },
      (error: Error) => this.destroy(error),
    );
  }
}

export class WindowedReader extends RandomAccessReader {
  // One buffer for the reader's life: a fresh 4 MiB allocation per window showed up as page
  // faults and GC time. Because it is reused, every read copies out of it inside its queued job,
  // and jobs run one at a time, so a reload can never overwrite bytes someone is still using.
  private readonly buffer: Buffer;
  private windowStart = 0;
  private windowLength = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fd: number,
    private readonly fileSize: number,
  ) {
    super();
    this.buffer = Buffer.allocUnsafe(Math.min(WINDOW_BYTES, Math.max(fileSize, 1)));
    // unref() reports a failed close as an 'error' event; without a listener that would crash
    // the process over a descriptor we were giving up anyway.
    this.on('error', () => {});
  }

  /** Runs `use` on the bytes of [start, end) that the file has, loading a window if needed. */
  private withWindow<T>(start: number, end: number, use: (bytes: Buffer) => T): Promise<T> {
    const job = this.queue.then(async () => {
      const covered = start >= this.windowStart && end <= this.windowStart + this.windowLength;
      if (!covered) {
        this.windowLength = 0;
        const length = Math.min(this.buffer.length, Math.max(this.fileSize - start, 0));
        this.windowLength = await readInto(this.fd, this.buffer, length, start);
        this.windowStart = start;
      }
      const from = start - this.windowStart;
      const to = Math.min(end, this.windowStart + this.windowLength) - this.windowStart;
      return use(this.buffer.subarray(from, Math.max(from, to)));
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start > this.buffer.length) return new RangeStream(this.fd, start, end);
    const out = new PassThrough();
    this.withWindow(start, end, (bytes) => Buffer.from(bytes)).then(
      (copy) => out.end(copy),
      (error: Error) => out.destroy(error),
    );
    return out;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    if (length > this.buffer.length) return super.read(buffer, offset, length, position, callback);
    this.withWindow(position, position + length, (bytes) => bytes.copy(buffer, offset)).then(
      (copied) => callback(null, copied),
      (error: Error) => callback(error),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, callback);
  }
}

/**
 * The same reader interface over bytes already in memory (a bundle built or posted in this
 * process). A range is handed out as a view, so a stored entry costs no copy.
 */
export class BufferReader extends RandomAccessReader {
  constructor(private readonly bytes: Buffer) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    out.end(this.bytes.subarray(start, end));
    return out;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    callback(null, this.bytes.copy(buffer, offset, position, position + length));
  }

  override close(callback: (err: Error | null) => void): void {
    callback(null);
  }
}
