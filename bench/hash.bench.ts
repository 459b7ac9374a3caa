// Verifying a 1 GiB media file the way 挂载媒体文件夹 does (folder scan, then streamed SHA-256 in
// a worker thread through one reused buffer, result checked against the declared hash) against
// `openssl dgst -sha256` on the same file, alternating in the same run. Each run takes well
// over the 100 ms floor (about a second per side), so a batch is one call; 15 runs per side.
// Every run of ours starts with an empty verified cache, so nothing is skipped. The process's
// resident memory is sampled every 20 ms during our runs: peak RSS is printed for the first
// and the last run and must stay flat (the buffer is reused; memory must not follow file size).
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MediaJobs } from '../src-main/services/media/mediaJobs';
import { VerifiedMedia } from '../src-main/services/media/verifiedMedia';
import { compare, ms, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const run = promisify(execFile);
const FILE_BYTES = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

function hasCommand(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const bench: Benchmark = {
  name: 'hash',
  goal: 1.25,
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-bench-hash-'));
    try {
      const folder = path.join(dir, 'drive');
      mkdirSync(folder);
      const file = path.join(folder, 'lesson.webm');
      const block = randomBytes(MiB);
      const fd = openSync(file, 'w');
      for (let i = 0; i < FILE_BYTES / MiB; i++) {
        block.writeUInt32BE(i, 0); // no two blocks alike
        writeSync(fd, block);
      }
      closeSync(fd);

      const useOpenssl = hasCommand('openssl', ['version']);
      const baselineName = useOpenssl ? 'openssl dgst -sha256' : 'sha256sum';
      const hashWithTool = async (): Promise<string> => {
        const { stdout } = useOpenssl
          ? await run('openssl', ['dgst', '-sha256', '-r', file])
          : await run('sha256sum', [file]);
        return stdout.trim().split(/\s+/)[0]!;
      };
      const sha256 = await hashWithTool();
      const expected = [
        { fileId: 'F-1', path: 'lesson.webm', kind: 'video' as const, size: FILE_BYTES, sha256 },
      ];

      let peak = 0;
      const peaks: number[] = [];
      const baseRss = process.memoryUsage().rss;
      const verify = async () => {
        const cacheDir = mkdtempSync(path.join(dir, 'cache-'));
        const jobs = new MediaJobs({ verified: new VerifiedMedia(), cacheDir });
        peak = process.memoryUsage().rss;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 20);
        try {
          const { jobId } = jobs.start('bench', folder, expected);
          await jobs.settled(jobId);
          const state = jobs.status('bench').files[0]?.state;
          if (state !== 'verified') throw new Error(`1 GiB file not verified: ${state}`);
        } finally {
          clearInterval(sampler);
          peaks.push(Math.max(peak, process.memoryUsage().rss));
          rmSync(cacheDir, { recursive: true, force: true });
        }
      };

      const result = await compare(verify, hashWithTool, { runs: 15, warmup: 1 });
      const mb = (n: number) => Math.round(n / MiB);
      return {
        ...resultOf(result),
        details: {
          file: '1 GiB, written once, then read by both sides in turn',
          baseline: baselineName,
          'ours GB/s': ms(FILE_BYTES / 1e9 / (result.ours.median / 1000)),
          'baseline GB/s': ms(FILE_BYTES / 1e9 / (result.baseline.median / 1000)),
          'RSS before MiB': mb(baseRss),
          'peak RSS first run MiB': mb(peaks[0] ?? 0),
          'peak RSS last run MiB': mb(peaks.at(-1) ?? 0),
          'peak RSS max over runs MiB': mb(Math.max(...peaks)),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
