import { createHash } from 'node:crypto';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mediaUrlPath } from '../../../src-shared/ipc/media';
import { createAppHandler, type AppRefusal } from '../../../src-main/security/appHandler';
import { buildCsp } from '../../../src-main/security/csp';
import { VerifiedMedia } from '../../../src-main/services/media/verifiedMedia';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();
const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 251));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const VIDEO_SHA = sha(VIDEO);
const OTHER = Buffer.from('another file that nobody verified');

let dir: string;
let verified: VerifiedMedia;
const refusals: AppRefusal[] = [];
let handle: (request: Request) => Promise<Response>;

const get = (sha256: string, headers: Record<string, string> = {}, method = 'GET') =>
  handle(new Request(`app://qihang${mediaUrlPath(sha256)}`, { method, headers }));
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

beforeAll(async () => {
  dir = await temp.make('qh-media-route-');
  writeFileSync(path.join(dir, 'lesson.webm'), VIDEO);
  writeFileSync(path.join(dir, 'other.webm'), OTHER);
  verified = new VerifiedMedia();
  const st = statSync(path.join(dir, 'lesson.webm'));
  verified.add('p1', {
    sha256: VIDEO_SHA,
    path: path.join(dir, 'lesson.webm'),
    size: st.size,
    mtimeMs: st.mtimeMs,
  });
  handle = createAppHandler({
    routes: [{ prefix: '/', root: dir }],
    csp: buildCsp(),
    media: verified,
    onRefused: (r) => refusals.push(r),
  });
});

describe('the /media/<sha256> route of the app:// handler', () => {
  it('serves a verified file whole, as video/webm with byte ranges offered', async () => {
    const res = await get(VIDEO_SHA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-security-policy')).toBe(buildCsp());
    expect((await bytes(res)).equals(VIDEO)).toBe(true);
  });

  it.each([
    ['first byte', 'bytes=0-0', 0, 0],
    ['middle', 'bytes=400-409', 400, 409],
    ['last byte', 'bytes=999-999', 999, 999],
    ['open-ended', 'bytes=990-', 990, 999],
    ['suffix', 'bytes=-16', 984, 999],
    ['past the end, clipped', 'bytes=995-5000', 995, 999],
  ])('answers the %s range (%s) with 206 and exactly those bytes', async (_, range, start, end) => {
    const res = await get(VIDEO_SHA, { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect((await bytes(res)).equals(VIDEO.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=5-1', 'bytes=-0', 'bytes=0-1,4-5', 'items=0-1', 'bytes=x'])(
    'answers the invalid range %s with 416, the size and no bytes',
    async (range) => {
      const res = await get(VIDEO_SHA, { Range: range });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe('bytes */1000');
      expect((await bytes(res)).length).toBe(0);
    },
  );

  it('answers HEAD with the length and range headers and no body', async () => {
    const whole = await get(VIDEO_SHA, {}, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('1000');
    expect(whole.body).toBeNull();
    const part = await get(VIDEO_SHA, { Range: 'bytes=10-19' }, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(part.body).toBeNull();
  });

  it('answers 404 with no bytes for a hash nobody verified, even of a file in the folder', async () => {
    const res = await get(sha(OTHER));
    expect(res.status).toBe(404);
    expect((await bytes(res)).length).toBe(0);
    const ranged = await get(sha(OTHER), { Range: 'bytes=0-3' });
    expect(ranged.status).toBe(404);
  });

  it('does not serve files by name under /media/, only by a 64-hex hash', async () => {
    for (const p of [
      '/media/lesson.webm',
      `/media/${VIDEO_SHA.toUpperCase()}`,
      `/media/${VIDEO_SHA}/x`,
    ]) {
      const res = await handle(new Request(`app://qihang${p}`));
      expect(res.status).toBe(404);
      expect((await bytes(res)).length).toBe(0);
    }
  });

  it('without a media source every hash is 404', async () => {
    const bare = createAppHandler({ routes: [{ prefix: '/', root: dir }], csp: 'x' });
    expect((await bare(new Request(`app://qihang${mediaUrlPath(VIDEO_SHA)}`))).status).toBe(404);
  });

  it('stops serving a verified file once it changes on disk (403, no bytes)', async () => {
    const file = path.join(dir, 'swap.webm');
    const body = Buffer.from('verified content');
    writeFileSync(file, body);
    const st = statSync(file);
    verified.add('p1', { sha256: sha(body), path: file, size: st.size, mtimeMs: st.mtimeMs });
    expect((await get(sha(body))).status).toBe(200);
    writeFileSync(file, Buffer.from('swapped content!'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    refusals.length = 0;
    const res = await get(sha(body));
    expect(res.status).toBe(403);
    expect((await bytes(res)).length).toBe(0);
    expect(refusals.map((r) => r.reason)).toEqual(['media changed since verified']);
  });

  it('forgets what a profile verified when that profile attaches anew', async () => {
    const extra = new VerifiedMedia();
    const file = path.join(dir, 'lesson.webm');
    const st = statSync(file);
    extra.add('p2', { sha256: VIDEO_SHA, path: file, size: st.size, mtimeMs: st.mtimeMs });
    expect(extra.has('p2', VIDEO_SHA)).toBe(true);
    extra.forgetProfile('p2');
    expect(await extra.lookup(VIDEO_SHA)).toBe('unverified');
  });
});
