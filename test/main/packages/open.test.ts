import { createHash } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkPackage, type ImportProgress } from '../../../src-main/services/packages';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { makeKey, makeManifest, tempDir, trustOnly, writePackage } from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workDir(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('openWorkPackage', () => {
  it('returns the verified manifest and every file located in the package', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ classes: 2, traineesPerClass: 3 });
    const path = join(dir, 'haidian.qhpkg');
    await writePackage(path, fixture, { key });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    if (!result.ok) throw new Error(result.message);
    expect(result.manifest.records.classes.map((c) => c.id)).toEqual(['CLS-1', 'CLS-2']);
    expect(result.signedBy).toEqual([key.keyid]);
    expect(result.envelopeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.files).toHaveLength(6);
    expect(result.files.every((f) => f.location === 'package')).toBe(true);
    expect(result.files.map((f) => f.path)).toEqual(fixture.manifest.files.map((f) => f.path));
  });

  it('accepts a package whose files are deflated', async () => {
    const dir = workDir();
    const key = makeKey();
    const path = join(dir, 'deflated.qhpkg');
    await writePackage(path, makeManifest({ classes: 1 }), { key, compress: true });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result.ok).toBe(true);
  });

  it('verifies a file larger than the read-ahead window, streamed straight from disk', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ traineesPerClass: 2, fileBytes: 6 * 1024 * 1024 });
    const path = join(dir, 'large.qhpkg');
    await writePackage(path, fixture, { key });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result.ok && result.files.map((f) => f.size)).toEqual([
      6 * 1024 * 1024,
      6 * 1024 * 1024,
    ]);
  });

  it('gives the same envelope hash when the same package is opened twice', async () => {
    const dir = workDir();
    const key = makeKey();
    const path = join(dir, 'again.qhpkg');
    await writePackage(path, makeManifest(), { key });

    const first = await openWorkPackage(path, { trustedKeys: trustOnly(key) });
    const second = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(first.ok && second.ok && first.envelopeHash === second.envelopeHash).toBe(true);
  });

  it('reports progress that only grows and ends at exactly 100 %', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ classes: 2, traineesPerClass: 10, fileBytes: 300_000 });
    const path = join(dir, 'progress.qhpkg');
    await writePackage(path, fixture, { key });
    const events: ImportProgress[] = [];

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      onProgress: (p) => events.push(p),
    });

    expect(result.ok).toBe(true);
    const total = fixture.manifest.files.reduce((n, f) => n + f.size, 0);
    expect(events.length).toBeGreaterThan(1);
    expect(
      events.every((e, i) => i === 0 || e.bytesDone >= (events[i - 1] as ImportProgress).bytesDone),
    ).toBe(true);
    expect(events.at(-1)).toMatchObject({ bytesDone: total, bytesTotal: total });
  });

  it('stops with code cancelled and returns nothing when aborted mid-stream', async () => {
    const dir = workDir();
    const key = makeKey();
    const path = join(dir, 'cancel.qhpkg');
    await writePackage(
      path,
      makeManifest({ classes: 2, traineesPerClass: 10, fileBytes: 500_000 }),
      { key },
    );
    const controller = new AbortController();
    let lastDone = 0;

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      signal: controller.signal,
      onProgress: (p) => {
        lastDone = p.bytesDone;
        controller.abort();
      },
    });

    expect(result).toEqual({
      ok: false,
      code: 'cancelled',
      message: expect.stringContaining('已取消'),
    });
    expect(lastDone).toBeGreaterThan(0);
    expect(lastDone).toBeLessThan(10_000_000);
  });

  it('is cancelled before reading anything when the signal is already aborted', async () => {
    const dir = workDir();
    const key = makeKey();
    const path = join(dir, 'pre-cancel.qhpkg');
    await writePackage(path, makeManifest(), { key });

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      signal: AbortSignal.abort(),
    });

    expect(result).toMatchObject({ ok: false, code: 'cancelled' });
  });

  it('finds external media by relative path, then by hash, and marks the rest missing', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ externalVideos: 3 });
    const path = join(dir, 'media.qhpkg');
    await writePackage(path, fixture, { key });
    const media = join(dir, 'drive');
    mkdirSync(join(media, 'media'), { recursive: true });
    mkdirSync(join(media, 'renamed'), { recursive: true });
    writeFileSync(
      join(media, 'media', 'session-1.mp4'),
      fixture.contents.get('media/session-1.mp4') as Uint8Array,
    );
    writeFileSync(
      join(media, 'renamed', 'copy.mp4'),
      fixture.contents.get('media/session-2.mp4') as Uint8Array,
    );

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      externalMediaDirs: [media],
    });

    if (!result.ok) throw new Error(result.message);
    const byId = new Map(result.files.map((f) => [f.id, f]));
    expect(byId.get('VID-1')).toMatchObject({
      location: 'external',
      externalPath: join(media, 'media', 'session-1.mp4'),
    });
    expect(byId.get('VID-2')).toMatchObject({
      location: 'external',
      externalPath: join(media, 'renamed', 'copy.mp4'),
    });
    expect(byId.get('VID-3')).toMatchObject({ location: 'missing' });
  });

  it('leaves media that are not attached out of the progress total', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ externalVideos: 2, fileBytes: 200_000 });
    // Declared huge, as a full recording is: with it in the total the bar would sit near 0 %.
    const absent = fixture.manifest.files.find((f) => f.id === 'VID-2')!;
    absent.size = 40 * 1024 * 1024 * 1024;
    const path = join(dir, 'partial-media.qhpkg');
    await writePackage(path, fixture, { key });
    const media = join(dir, 'drive');
    mkdirSync(join(media, 'media'), { recursive: true });
    writeFileSync(
      join(media, 'media', 'session-1.mp4'),
      fixture.contents.get('media/session-1.mp4') as Uint8Array,
    );
    const events: ImportProgress[] = [];

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      externalMediaDirs: [media],
      onProgress: (p) => events.push(p),
    });

    if (!result.ok) throw new Error(result.message);
    const expected = fixture.manifest.files
      .filter((f) => f.id !== 'VID-2')
      .reduce((n, f) => n + f.size, 0);
    expect(events.every((e) => e.bytesTotal === expected)).toBe(true);
    expect(events.at(-1)).toMatchObject({ bytesDone: expected, phase: 'external' });
    expect(result.files.find((f) => f.id === 'VID-2')).toMatchObject({ location: 'missing' });
    expect(result.files.find((f) => f.id === 'VID-1')).toMatchObject({ location: 'external' });
  });

  it('refuses external media found at its path whose bytes differ from the manifest', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ externalVideos: 1 });
    const path = join(dir, 'media-bad.qhpkg');
    await writePackage(path, fixture, { key });
    const media = join(dir, 'drive');
    mkdirSync(join(media, 'media'), { recursive: true });
    const altered = Buffer.from(fixture.contents.get('media/session-1.mp4') as Uint8Array);
    altered[100] = (altered[100] as number) ^ 0xff;
    writeFileSync(join(media, 'media', 'session-1.mp4'), altered);

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      externalMediaDirs: [media],
    });

    expect(result).toMatchObject({ ok: false, code: 'external-hash-mismatch' });
    expect(!result.ok && result.message).toContain('media/session-1.mp4');
  });

  it('can be cancelled while external media are being hashed', async () => {
    const dir = workDir();
    const key = makeKey();
    const fixture = makeManifest({ externalVideos: 2 });
    const path = join(dir, 'media-cancel.qhpkg');
    await writePackage(path, fixture, { key });
    const media = join(dir, 'drive');
    mkdirSync(join(media, 'media'), { recursive: true });
    for (const name of ['session-1.mp4', 'session-2.mp4']) {
      writeFileSync(
        join(media, 'media', name),
        fixture.contents.get(`media/${name}`) as Uint8Array,
      );
    }
    const controller = new AbortController();

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      externalMediaDirs: [media],
      signal: controller.signal,
      onProgress: (p) => (p.phase === 'external' ? controller.abort() : undefined),
    });

    expect(result).toMatchObject({ ok: false, code: 'cancelled' });
  });

  it('reports a file that does not exist as cannot-open', async () => {
    const result = await openWorkPackage(join(workDir(), 'nowhere.qhpkg'), {
      trustedKeys: new Map(),
    });

    expect(result).toMatchObject({ ok: false, code: 'cannot-open' });
    expect(!result.ok && result.message).toContain('nowhere.qhpkg');
  });
});

describe('policy packs shipped inside a package', () => {
  function withPackFile(text: string) {
    const fixture = makeManifest({ classes: 1 });
    const bytes = new TextEncoder().encode(text);
    const path = 'policy/jrsnf-2023-25-r2.json';
    fixture.contents.set(path, bytes);
    fixture.manifest.files.push({
      id: 'PACK-1',
      path,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mediaType: 'application/json',
      kind: 'policy-pack',
      external: false,
    });
    return fixture;
  }

  it('returns the validated pack after its hash matched the signed manifest', async () => {
    const key = makeKey();
    const shipped = { ...JRSNF_2023_25, title: `${JRSNF_2023_25.title}（修订）` };
    const path = join(workDir(), 'with-pack.qhpkg');
    await writePackage(path, withPackFile(JSON.stringify(shipped)), { key });
    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });
    if (!result.ok) throw new Error(result.message);
    expect(result.policyPacks.map((p) => p.title)).toEqual([shipped.title]);
  });

  it('refuses a package whose shipped pack is not a valid pack, naming the file', async () => {
    const key = makeKey();
    const broken = { ...JRSNF_2023_25, minutesPerHour: 'forty-five' };
    const path = join(workDir(), 'bad-pack.qhpkg');
    await writePackage(path, withPackFile(JSON.stringify(broken)), { key });
    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('policy-pack-invalid');
    expect(result.message).toContain('bad-pack.qhpkg');
    expect(result.message).toContain('policy/jrsnf-2023-25-r2.json');
    expect(result.message).toContain('minutesPerHour');
  });

  it('has no packs when the package ships none', async () => {
    const key = makeKey();
    const path = join(workDir(), 'plain.qhpkg');
    await writePackage(path, makeManifest({ classes: 1 }), { key });
    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });
    if (!result.ok) throw new Error(result.message);
    expect(result.policyPacks).toEqual([]);
  });
});
