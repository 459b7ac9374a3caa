import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExpectedMedia, MediaStatus } from '../../../src-shared/ipc/media';
import { MediaJobs } from '../../../src-main/services/media/mediaJobs';
import { verifiedCacheFile } from '../../../src-main/services/media/verifiedCache';
import { VerifiedMedia } from '../../../src-main/services/media/verifiedMedia';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A media folder with the given files and the manifest entries that declare them. */
async function mediaFolder(files: Record<string, Buffer>) {
  const folder = await temp.make('qh-media-folder-');
  const expected: ExpectedMedia[] = [];
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
    writeFileSync(path.join(folder, rel), body);
    expected.push({
      fileId: `F-${expected.length + 1}`,
      path: rel,
      kind: 'video',
      size: body.length,
      sha256: sha(body),
    });
  }
  return { folder, expected };
}

async function makeJobs(chunkBytes?: number) {
  const verified = new VerifiedMedia();
  const cacheDir = await temp.make('qh-media-cache-');
  const jobs = new MediaJobs({ verified, cacheDir, ...(chunkBytes ? { chunkBytes } : {}) });
  return { jobs, verified, cacheDir };
}

async function attach(
  jobs: MediaJobs,
  folder: string,
  expected: ExpectedMedia[],
  profileId = 'p1',
): Promise<{ status: MediaStatus; jobId: string }> {
  const { jobId } = jobs.start(profileId, folder, expected);
  await jobs.settled(jobId);
  return { status: jobs.status(profileId), jobId };
}

const stateOf = (status: MediaStatus, fileId: string) =>
  status.files.find((f) => f.fileId === fileId)?.state;

describe('attaching a media folder', () => {
  it('verifies declared files by SHA-256 and gives only them a URL', async () => {
    const { folder, expected } = await mediaFolder({
      'recordings/a.webm': randomBytes(3000),
      'clips/b.webm': randomBytes(500),
    });
    const { jobs, verified } = await makeJobs();
    const { status, jobId } = await attach(jobs, folder, expected);
    expect(status.files.map((f) => f.state)).toEqual(['verified', 'verified']);
    expect(status.files[0]!.url).toBe(`/media/${expected[0]!.sha256}`);
    expect(status.files[0]!.foundAt).toBe('recordings/a.webm');
    expect(status.extra).toEqual([]);
    expect(verified.has('p1', expected[0]!.sha256)).toBe(true);
    const progress = jobs.progress(jobId);
    expect(progress.ok && progress.progress).toMatchObject({
      state: 'done',
      bytesDone: 3500,
      bytesTotal: 3500,
      filesDone: 2,
      filesTotal: 2,
    });
  });

  it('finds a one-byte change: mismatch, no URL, not servable', async () => {
    const body = randomBytes(4096);
    const { folder, expected } = await mediaFolder({ 'r/live.webm': body });
    const changed = Buffer.from(body);
    changed[2048] = changed[2048]! ^ 0x01;
    writeFileSync(path.join(folder, 'r/live.webm'), changed);
    const { jobs, verified } = await makeJobs();
    const { status } = await attach(jobs, folder, expected);
    expect(status.files[0]).toMatchObject({ state: 'mismatch', foundAt: 'r/live.webm' });
    expect(status.files[0]!.url).toBeUndefined();
    expect(status.files[0]!.message).toContain('r/live.webm');
    expect(status.files[0]!.message).toContain('SHA-256');
    expect(await verified.lookup(expected[0]!.sha256)).toBe('unverified');
  });

  it('finds a truncated file: mismatch naming both sizes', async () => {
    const { folder, expected } = await mediaFolder({ 'r/live.webm': randomBytes(4096) });
    truncateSync(path.join(folder, 'r/live.webm'), 4000);
    const { jobs, verified } = await makeJobs();
    const { status } = await attach(jobs, folder, expected);
    expect(status.files[0]!.state).toBe('mismatch');
    expect(status.files[0]!.message).toContain('4096');
    expect(status.files[0]!.message).toContain('4000');
    expect(await verified.lookup(expected[0]!.sha256)).toBe('unverified');
  });

  it('finds a renamed file by its size and hash, and lists files nobody declared as extra', async () => {
    const body = randomBytes(2222);
    const { folder, expected } = await mediaFolder({ 'renamed/x.webm': body });
    writeFileSync(path.join(folder, 'notes.txt'), 'not declared');
    writeFileSync(path.join(folder, 'same-size-stranger.bin'), randomBytes(2222));
    const declared = [{ ...expected[0]!, path: 'recordings/original.webm' }];
    const { jobs } = await makeJobs();
    const { status } = await attach(jobs, folder, declared);
    expect(status.files[0]).toMatchObject({ state: 'verified', foundAt: 'renamed/x.webm' });
    expect(status.extra.map((e) => e.path).sort()).toEqual(['notes.txt', 'same-size-stranger.bin']);
  });

  it('reports a declared file that is nowhere as missing', async () => {
    const { folder } = await mediaFolder({ 'a.webm': randomBytes(10) });
    const absent: ExpectedMedia = {
      fileId: 'F-9',
      path: 'clips/h3.webm',
      kind: 'clip',
      size: 77,
      sha256: sha(Buffer.from('x')),
    };
    const { jobs } = await makeJobs();
    const { status } = await attach(jobs, folder, [absent]);
    expect(status.files[0]!.state).toBe('missing');
    expect(status.files[0]!.message).toContain('clips/h3.webm');
    expect(status.extra.map((e) => e.path)).toEqual(['a.webm']);
  });

  it('does not hash again a file verified before at the same size and mtime (cache per profile)', async () => {
    const { folder, expected } = await mediaFolder({
      'a.webm': randomBytes(5000),
      'b.webm': randomBytes(7000),
    });
    const { jobs, cacheDir } = await makeJobs();
    await attach(jobs, folder, expected);
    const cacheFile = verifiedCacheFile(cacheDir, 'p1');
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: unknown[] };
    expect(cached.entries).toHaveLength(2);

    // A second attach by the same profile (even after a restart: a new MediaJobs) reads nothing.
    const again = new MediaJobs({ verified: new VerifiedMedia(), cacheDir });
    const second = await attach(again, folder, expected);
    expect(second.status.files.map((f) => f.state)).toEqual(['verified', 'verified']);
    const p = again.progress(second.jobId);
    expect(p.ok && p.progress).toMatchObject({ bytesDone: 0, bytesTotal: 0, filesFromCache: 2 });

    // Touch one file (same bytes, new mtime): only that one is read again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(folder, 'b.webm'), later, later);
    const third = await attach(again, folder, expected);
    const p3 = again.progress(third.jobId);
    expect(p3.ok && p3.progress).toMatchObject({ bytesDone: 7000, filesFromCache: 1 });

    // Another profile has its own cache and hashes everything.
    const other = await attach(again, folder, expected, 'p2');
    const p4 = again.progress(other.jobId);
    expect(p4.ok && p4.progress).toMatchObject({ bytesDone: 12000, filesFromCache: 0 });
  });

  it('a cached hash never vouches for a file whose content changed with its mtime', async () => {
    const body = randomBytes(3000);
    const { folder, expected } = await mediaFolder({ 'a.webm': body });
    const { jobs } = await makeJobs();
    await attach(jobs, folder, expected);
    const changed = Buffer.from(body);
    changed[0] = changed[0]! ^ 0xff;
    writeFileSync(path.join(folder, 'a.webm'), changed);
    const later = new Date(Date.now() + 120_000);
    utimesSync(path.join(folder, 'a.webm'), later, later);
    const { status } = await attach(jobs, folder, expected);
    expect(status.files[0]!.state).toBe('mismatch');
  });

  it('cancel stops the job mid-way: what was verified stays, the rest stays pending', async () => {
    const { folder, expected } = await mediaFolder({
      '1-small.webm': randomBytes(1000),
      '2-big.bin': Buffer.alloc(96 * 1024 * 1024, 7),
      '3-small.webm': randomBytes(1000),
    });
    // Small reads so the big file takes many of them and the cancel lands inside it.
    const { jobs, verified } = await makeJobs(64 * 1024);
    const { jobId } = jobs.start('p1', folder, expected);
    await expect
      .poll(
        () => {
          const p = jobs.progress(jobId);
          return p.ok ? p.progress.current : undefined;
        },
        { timeout: 20_000, interval: 5 },
      )
      .toBe('2-big.bin');
    const cancelled = jobs.cancel(jobId);
    expect(cancelled).toEqual({ ok: true, cancelled: true });
    await jobs.settled(jobId);
    const p = jobs.progress(jobId);
    expect(p.ok && p.progress.state).toBe('cancelled');
    const status = jobs.status('p1');
    expect(stateOf(status, 'F-1')).toBe('verified');
    expect(stateOf(status, 'F-2')).toBe('pending');
    expect(stateOf(status, 'F-3')).toBe('pending');
    expect(verified.has('p1', expected[1]!.sha256)).toBe(false);
    expect(jobs.cancel(jobId)).toEqual({ ok: true, cancelled: false });
  });

  it('a new attach replaces the previous one: its files are no longer served', async () => {
    const one = await mediaFolder({ 'a.webm': randomBytes(100) });
    const two = await mediaFolder({ 'b.webm': randomBytes(200) });
    const { jobs, verified } = await makeJobs();
    await attach(jobs, one.folder, one.expected);
    expect(verified.has('p1', one.expected[0]!.sha256)).toBe(true);
    await attach(jobs, two.folder, two.expected);
    expect(verified.has('p1', one.expected[0]!.sha256)).toBe(false);
    expect(verified.has('p1', two.expected[0]!.sha256)).toBe(true);
  });

  it('answers an unknown job with a readable error', () => {
    const jobs = new MediaJobs({ verified: new VerifiedMedia(), cacheDir: '/nonexistent' });
    const r = jobs.progress('0'.repeat(32));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('unknown-job');
  });
});
