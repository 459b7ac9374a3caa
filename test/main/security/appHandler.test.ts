import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppHandler, type AppRefusal } from '../../../src-main/security/appHandler';
import { buildCsp } from '../../../src-main/security/csp';

let root: string;
let media: string;
const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const refusals: AppRefusal[] = [];
let handle: (request: Request) => Promise<Response>;

const get = (pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET') =>
  handle(new Request(`app://qihang${pathAndQuery}`, { method, headers }));
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

beforeAll(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'qh-app-handler-'));
  root = path.join(base, 'renderer');
  media = path.join(base, 'media');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(media);
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>启航</title>');
  writeFileSync(path.join(root, 'assets/app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'empty.css'), '');
  writeFileSync(path.join(base, 'secret.txt'), 'not for the page');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  writeFileSync(path.join(media, 'clip.mp4'), VIDEO);
  handle = createAppHandler({
    routes: [
      { prefix: '/', root },
      { prefix: '/files/', root: media },
    ],
    csp: buildCsp(),
    onRefused: (r) => refusals.push(r),
  });
});

describe('the app:// handler', () => {
  it('serves the entry page at / and /index.html with its type, length and CSP', async () => {
    for (const p of ['/', '/index.html']) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(buildCsp());
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      const body = await bytes(res);
      expect(body.toString()).toBe('<!doctype html><title>启航</title>');
      expect(res.headers.get('content-length')).toBe(String(body.length));
    }
  });

  it('serves scripts as JavaScript and an empty file as empty', async () => {
    const js = await get('/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await bytes(js)).toString()).toBe('console.log(1)');
    const empty = await get('/empty.css');
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-length')).toBe('0');
    expect((await bytes(empty)).length).toBe(0);
  });

  it('serves a second route from its own folder, longest prefix first', async () => {
    const res = await get('/files/clip.mp4');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect((await bytes(res)).equals(VIDEO)).toBe(true);
  });

  it.each([
    ['bytes=0-0', 0, 0],
    ['bytes=400-409', 400, 409],
    ['bytes=999-999', 999, 999],
    ['bytes=990-', 990, 999],
    ['bytes=-16', 984, 999],
  ])('answers Range %s with 206 and exactly bytes %i-%i', async (range, start, end) => {
    const res = await get('/files/clip.mp4', { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect((await bytes(res)).equals(VIDEO.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=5-1', 'bytes=0-1,4-5', 'bytes=x'])(
    'answers the bad Range %s with 416 and the file size',
    async (range) => {
      const res = await get('/files/clip.mp4', { Range: range });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe('bytes */1000');
      expect(res.headers.get('content-security-policy')).toBe(buildCsp());
      expect((await bytes(res)).length).toBe(0);
    },
  );

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await get('/files/clip.mp4', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.body).toBeNull();
    const slice = await get('/files/clip.mp4', { Range: 'bytes=10-19' }, 'HEAD');
    expect(slice.status).toBe(206);
    expect(slice.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(slice.body).toBeNull();
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('/index.html', {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    '/assets/..%2f..%2fsecret.txt',
    '/..%2fsecret.txt',
    '/files/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/a%00.js',
    '/%E0%A4%A',
  ])('refuses the escape %s with 403 and CSP', async (p) => {
    const res = await get(p);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toBe(buildCsp());
    expect((await bytes(res)).length).toBe(0);
  });

  it('keeps plain ../ inside the folder (the URL parser folds the dots first)', async () => {
    const res = await get('/../../secret.txt');
    expect(res.status).toBe(404);
  });

  it('refuses a symlink that leads out of its folder', async () => {
    expect((await get('/link.txt')).status).toBe(403);
  });

  it('refuses another host or scheme', async () => {
    expect((await handle(new Request('app://other/index.html'))).status).toBe(403);
    expect((await handle(new Request('https://qihang/index.html'))).status).toBe(403);
  });

  it('answers 404 for a missing file, a folder, and a path no route serves', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets/')).status).toBe(404);
    const mediaOnly = createAppHandler({ routes: [{ prefix: '/files/', root: media }], csp: 'x' });
    const res = await mediaOnly(new Request('app://qihang/index.html'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe('x');
  });

  it('reports every refusal for the log', async () => {
    refusals.length = 0;
    await get('/..%2fsecret.txt');
    await get('/nope.js');
    await get('/files/clip.mp4', { Range: 'bytes=2000-' });
    expect(refusals.map((r) => r.status)).toEqual([403, 404, 416]);
    expect((await get('/index.html')).status).toBe(200);
    expect(refusals).toHaveLength(3);
  });
});
