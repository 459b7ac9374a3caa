// The media drive end to end in the browser harness: the page attaches a folder (the harness
// answers the folder dialog), main verifies it in a worker, and the page fetches and plays the
// verified file through the app:// handler's /media/<sha256> route with byte ranges, while a
// tampered copy gets no URL and an unverified hash gets no bytes.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpectedMedia, MediaProgress, MediaStatus } from '../../src-shared/ipc/media';
import type { IpcResult } from '../../src-shared/ipc/result';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';

const SOURCE = path.join(
  REPO_ROOT,
  'resources/demo/media/recordings/C-2025-HD-B01/S-2025-HD-B01-02-live.webm',
);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let app: AppSession;
let folder: string;
let expected: ExpectedMedia[];
const video = readFileSync(SOURCE);

type MediaApi = {
  attach(r: unknown): Promise<IpcResult<{ jobId: string | null; folder: string | null }>>;
  progress(r: unknown): Promise<IpcResult<MediaProgress>>;
  status(r: unknown): Promise<IpcResult<MediaStatus>>;
};

function call<T>(method: keyof MediaApi, request: unknown): Promise<IpcResult<T>> {
  return app.page.evaluate(
    ([m, r]) =>
      (window as unknown as { qihang: { media: Record<string, (r: unknown) => unknown> } }).qihang
        .media[m]!(r),
    [method, request] as const,
  ) as Promise<IpcResult<T>>;
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'qh-e2e-media-'));
  mkdirSync(path.join(folder, 'recordings'));
  copyFileSync(SOURCE, path.join(folder, 'recordings/live.webm'));
  // A second recording the manifest declares, and the drive's copy of it with one byte changed.
  const original = Buffer.from(video);
  original[original.length - 1] = original[original.length - 1]! ^ 0xff;
  const tampered = Buffer.from(original);
  tampered[tampered.length >> 1] = tampered[tampered.length >> 1]! ^ 0x01;
  writeFileSync(path.join(folder, 'recordings/tampered.webm'), tampered);
  expected = [
    {
      fileId: 'F-live',
      path: 'recordings/live.webm',
      kind: 'video',
      size: video.length,
      sha256: sha(video),
    },
    {
      fileId: 'F-tampered',
      path: 'recordings/tampered.webm',
      kind: 'video',
      size: original.length,
      sha256: sha(original),
    },
  ];
  app = await startApp();
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the media drive in the page', () => {
  it('attaches a folder through the folder dialog and verifies it to the end', async () => {
    app.harness.dialogs.answerNextFolder(folder);
    const attached = await call<{ jobId: string | null }>('attach', {
      profileId: 'p-e2e-media',
      files: expected,
    });
    expect(attached.ok).toBe(true);
    const jobId = attached.ok ? attached.value.jobId : null;
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(app.harness.dialogs.asked.at(-1)?.kind).toBe('folder');
    await expect
      .poll(async () => {
        const p = await call<MediaProgress>('progress', { jobId });
        return p.ok ? `${p.value.state} ${p.value.filesDone}/${p.value.filesTotal}` : p.error.code;
      })
      .toBe('done 2/2');
  });

  it('gives the verified file a same-origin URL and the tampered one none', async () => {
    const status = await call<MediaStatus>('status', { profileId: 'p-e2e-media' });
    expect(status.ok).toBe(true);
    if (!status.ok) return;
    const [live, tampered] = status.value.files;
    expect(live).toMatchObject({ state: 'verified', url: `/media/${sha(video)}` });
    expect(live!.codec).toMatchObject({ container: 'webm', video: 'V_VP9', playable: true });
    expect(tampered!.state).toBe('mismatch');
    expect(tampered!.url).toBeUndefined();
  });

  it('serves byte ranges to fetch: first, middle, last, open-ended, suffix; 416 when invalid', async () => {
    const url = `/media/${sha(video)}`;
    const size = video.length;
    const answers = await app.page.evaluate(
      async ([u, ranges]) => {
        const out: { status: number; range: string | null; bytes: number[] }[] = [];
        for (const r of ranges) {
          const res = await fetch(u, { headers: { Range: r } });
          out.push({
            status: res.status,
            range: res.headers.get('content-range'),
            bytes: [...new Uint8Array(await res.arrayBuffer())].slice(0, 4),
          });
        }
        return out;
      },
      [
        url,
        [
          'bytes=0-0',
          'bytes=1000-1003',
          `bytes=${size - 1}-${size - 1}`,
          `bytes=${size - 4}-`,
          'bytes=-4',
          `bytes=${size}-`,
        ],
      ] as const,
    );
    const slice = (a: number, b: number) => [...video.subarray(a, b + 1)].slice(0, 4);
    expect(answers).toEqual([
      { status: 206, range: `bytes 0-0/${size}`, bytes: slice(0, 0) },
      { status: 206, range: `bytes 1000-1003/${size}`, bytes: slice(1000, 1003) },
      {
        status: 206,
        range: `bytes ${size - 1}-${size - 1}/${size}`,
        bytes: slice(size - 1, size - 1),
      },
      {
        status: 206,
        range: `bytes ${size - 4}-${size - 1}/${size}`,
        bytes: slice(size - 4, size - 1),
      },
      {
        status: 206,
        range: `bytes ${size - 4}-${size - 1}/${size}`,
        bytes: slice(size - 4, size - 1),
      },
      { status: 416, range: `bytes */${size}`, bytes: [] },
    ]);
  });

  it('gives no bytes for a hash nobody verified (the tampered copy is in the folder)', async () => {
    const tamperedSha = sha(readFileSync(path.join(folder, 'recordings/tampered.webm')));
    const status = await app.page.evaluate(
      async (u) => (await fetch(u, { headers: { Range: 'bytes=0-3' } })).status,
      `/media/${tamperedSha}`,
    );
    expect(status).toBe(404);
  });

  it('plays the verified file in a <video> and seeks into its middle', async () => {
    const result = await app.page.evaluate(
      async (u) => {
        const v = document.createElement('video');
        v.muted = true;
        v.preload = 'auto';
        document.body.append(v);
        const once = (name: string) =>
          new Promise<void>((resolve, reject) => {
            v.addEventListener(name, () => resolve(), { once: true });
            v.addEventListener('error', () => reject(new Error(`media error ${v.error?.code}`)), {
              once: true,
            });
          });
        const loaded = once('loadedmetadata');
        v.src = u;
        await loaded;
        const seeked = once('seeked');
        v.currentTime = v.duration / 2;
        await seeked;
        const out = { duration: v.duration, at: v.currentTime, width: v.videoWidth };
        v.remove();
        return out;
      },
      `/media/${sha(video)}`,
    );
    expect(result.duration).toBeCloseTo(900, 0);
    expect(result.at).toBeGreaterThan(400);
    expect(result.width).toBe(854);
  });
});
