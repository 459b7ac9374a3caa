// 视频抽查 end to end: an auditor imports a signed package whose class has ten one-minute live
// sessions (each with a one-minute WebM on the media drive), attaches the drive, draws the
// sample, watches the drawn session at 2×, records a finding with a frame grab by keyboard,
// reloads, finds it again, and 合规检查 reads the class's R-LIVE-SAMPLE as met.
// The WebM is the committed demo recording (VP9, 60 s); nothing here needs ffmpeg.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkPackage } from '../../src-main/services/packages/write';
import { readZip } from '../main/demo/zip';
import { makeManifest } from '../main/packages/factory';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { DEMO_KEY } from './helpers/packages';
import { enterDemo } from './helpers/profiles';

// The first minute of the demo's session-02 replay (ffmpeg -t 60 -c copy), committed so no
// ffmpeg is needed: ten one-minute sessions make a 10 % sample one can watch in a test.
const SOURCE = path.join(REPO_ROOT, 'test/fixtures/media/live-60s.webm');
const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const SESSIONS = 10;
const CLASS_ID = 'CLS-1';
let app: AppSession;
let dir: string;
let mediaDir: string;
let pkgFile: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'qh-e2e-audit-'));
  mediaDir = path.join(dir, 'drive');
  mkdirSync(path.join(mediaDir, 'live'), { recursive: true });
  const video = readFileSync(SOURCE);
  const sha = createHash('sha256').update(video).digest('hex');
  const fixture = makeManifest({ classes: 1, traineesPerClass: 2, packageId: 'PKG-E2E-AUDIT' });
  const m = fixture.manifest;
  // Before the pack in force ends, so 合规检查 judges it by 京人社能发〔2023〕25号.
  Object.assign(m.records.classes[0]!, { startDate: '2025-10-10', endDate: '2025-10-30' });
  for (let i = 1; i <= SESSIONS; i++) {
    const fileId = `VID-L${i}`;
    const rel = `live/session-${i}.webm`;
    copyFileSync(SOURCE, path.join(mediaDir, rel));
    m.files.push({
      id: fileId,
      path: rel,
      size: video.length,
      sha256: sha,
      mediaType: 'video/webm',
      kind: 'video',
      external: true,
      durationSeconds: 60,
    });
    m.records.sessions.push({
      id: `S-L${String(i).padStart(2, '0')}`,
      classId: CLASS_ID,
      date: `2025-10-${String(9 + i).padStart(2, '0')}`,
      startTime: '09:00',
      mode: 'live',
      minutes: 1,
      title: `直播第 ${i} 讲`,
      lecturerIds: ['LEC-1'],
      videoFileIds: [fileId],
      clipFileIds: [],
      signIns: [],
      videoHeight: 480,
    });
  }
  pkgFile = path.join(dir, 'audit.qhpkg');
  const written = await writeWorkPackage({
    manifest: m,
    files: fixture.contents,
    signingKeys: [DEMO_KEY],
    outPath: pkgFile,
  });
  if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));

  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const drawnRow = () =>
  app.page
    .locator('[data-testid^="session-S-L"]')
    .filter({ has: app.page.getByTestId('badge-drawn') });

describe('视频抽查', () => {
  it('imports the package and attaches the media drive', async () => {
    const { page } = app;
    await enterDemo(page, '区级审核员');
    await page.locator('[data-screen="settings"]').click();
    app.harness.dialogs.answerNextOpen(pkgFile);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-close').click();
    await page.locator('[data-screen="audit"]').click();
    await page.getByTestId('sample-panel').waitFor();
    app.harness.dialogs.answerNextFolder(mediaDir);
    await page.getByTestId('media-attach').click();
    await expect
      .poll(() => page.getByTestId('media-counts').textContent(), { timeout: 60_000 })
      .toContain(`已校验 ${SESSIONS}，缺失 0，哈希不符 0`);
  });

  it('draws a sample from a recorded seed covering 10 % of live minutes', async () => {
    const { page } = app;
    await page.getByTestId('sample-seed-input').fill('e2e-20261203');
    await page.getByTestId('sample-draw').click();
    await expect.poll(() => page.getByTestId('badge-drawn').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('sample-seed').textContent())
      .toContain('e2e-20261203');
    await expect
      .poll(() => page.getByTestId('sample-coverage').textContent())
      .toContain('抽中 1 分钟 · 已观看 0.0 分钟');
  });

  it('plays the drawn session to the end at 2× and counts it as watched', async () => {
    const { page } = app;
    await drawnRow().locator('button').click();
    await page.getByTestId('video').waitFor();
    await expect
      .poll(() => page.getByTestId('measured-duration').textContent())
      .toContain('00:01:00');
    await page.getByLabel('速度').selectOption('2');
    await page.getByTestId('player').focus();
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByTestId('video').evaluate((v: HTMLVideoElement) => v.ended), {
        timeout: 120_000,
      })
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('sample-coverage').textContent())
      .toContain('已观看 1.0 分钟');
    expect(await page.getByTestId('watched-interval').count()).toBeGreaterThan(0);
  });

  it('adds a finding with a frame grab by keyboard only', async () => {
    const { page } = app;
    await page.getByTestId('player').focus();
    // Back 10 s from the end, so the grab is of a real frame.
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => page.getByTestId('media-time').textContent()).toContain('00:00:50');
    await page.keyboard.press('n');
    await page.getByTestId('finding-form').waitFor();
    // The category select has the focus: the first option below the placeholder is 讲师不在场.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('讲台无人约一分钟');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('finding-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('finding-row').textContent()).toContain('讲师不在场');
    await expect
      .poll(() => page.getByTestId('finding-grab').textContent())
      .toMatch(/SHA-256 [0-9a-f]{12}/);
    // The whole hash is a hover away, for comparing with the result bundle.
    expect(await page.getByTestId('finding-grab').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('finding-marker').count()).toBe(1);
    await page.getByTestId('screen-audit').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, 'audit.png') });
  });

  it('F puts the player in full screen (the Fullscreen API) and F again returns', async () => {
    const { page } = app;
    const mode = () => page.getByTestId('player').getAttribute('data-fullscreen');
    const fullscreenIsPlayer = () =>
      page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null);
    await page.getByTestId('player').focus();
    await page.keyboard.press('f');
    await expect.poll(mode).toBe('api');
    expect(await fullscreenIsPlayer()).toBe('player');
    await page.keyboard.press('f');
    await expect.poll(mode).toBe('none');
    expect(await fullscreenIsPlayer()).toBeNull();
  });

  it('fills the window instead when the host refuses the Fullscreen API', async () => {
    const { page } = app;
    const mode = () => page.getByTestId('player').getAttribute('data-fullscreen');
    const position = () =>
      page.getByTestId('player').evaluate((el) => getComputedStyle(el).position);
    // What a host whose permission handler denies 'fullscreen' does: the request rejects.
    await page.evaluate(() => {
      HTMLElement.prototype.requestFullscreen = () =>
        Promise.reject(new TypeError('Permissions check failed'));
    });
    await page.getByTestId('player').focus();
    await page.keyboard.press('f');
    await expect.poll(mode).toBe('window');
    await expect.poll(position).toBe('fixed');
    await page.keyboard.press('f');
    await expect.poll(mode).toBe('none');
    await expect.poll(position).not.toBe('fixed');
  });

  it('still has the finding after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page
      .getByTestId('profile-name')
      .filter({ hasText: '演示区级审核员' })
      .waitFor({ timeout: 60_000 });
    await page.locator('[data-screen="audit"]').click();
    await drawnRow().locator('button').click();
    await expect.poll(() => page.getByTestId('finding-row').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('finding-row').textContent())
      .toContain('讲台无人约一分钟');
  });

  it('saves the 抽查报告 with the finding and its frame grab', async () => {
    const { page } = app;
    const target = path.join(dir, 'report.docx');
    app.harness.dialogs.answerNextSave(target);
    await page.getByTestId('audit-report').click();
    await expect.poll(() => page.getByTestId('report-message').textContent()).toContain(target);
    const entries = await readZip(readFileSync(target));
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('讲台无人约一分钟');
    expect(xml).toContain('e2e-20261203');
    expect([...entries.keys()].filter((k) => k.startsWith('word/media/'))).toHaveLength(1);
  });

  it('合规检查 reads R-LIVE-SAMPLE of the class as met', async () => {
    const { page } = app;
    await page.locator('[data-screen="compliance"]').click();
    await page.locator(`[data-testid="class-item"][data-class-id="${CLASS_ID}"]`).click();
    const line = page.locator(
      '[data-testid="class-detail"] [data-testid="finding-line"][data-rule-id="R-LIVE-SAMPLE"]',
    );
    await line.waitFor();
    await expect.poll(() => line.getAttribute('data-status')).toBe('pass');
    await expect.poll(() => line.textContent()).toContain('抽查 1 分钟 / 直播 10 分钟');
  });

  it('exports a result bundle that carries the frame grab beside its finding', async () => {
    const { page } = app;
    const PASS = 'audit-e2e-口令-2026';
    const message = () => page.getByTestId('sync-message');
    await page.locator('[data-screen="sync"]').click();
    await page.getByTestId('screen-sync').waitFor();
    await page.getByTestId('key-passphrase').fill(PASS);
    await page.getByTestId('key-passphrase-confirm').fill(PASS);
    await page.getByTestId('key-passphrase-confirm').press('Enter');
    await page.getByTestId('key-id').waitFor({ timeout: 30_000 });
    const bundleFile = path.join(dir, 'audit.qhres');
    app.harness.dialogs.answerNextSave(bundleFile);
    await page.getByRole('button', { name: '导出结果包' }).click();
    await page.getByTestId('passphrase-input').fill(PASS);
    await page.getByTestId('passphrase-input').press('Enter');
    await expect
      .poll(() => message().textContent(), { timeout: 30_000 })
      .toContain('结果包已保存到');

    const entries = await readZip(readFileSync(bundleFile));
    const records = JSON.parse(entries.get('records.json')!.toString('utf8')) as {
      id: string;
      kind: string;
      payload: { frameGrab?: { id: string; sha256: string; size: number } };
    }[];
    const finding = records.find((r) => r.kind === 'finding');
    const grab = finding?.payload.frameGrab;
    expect(grab).toBeDefined();
    const png = entries.get(`files/frames/${grab!.id}.png`);
    expect(png).toBeDefined();
    // A real PNG of the frame, whose hash is the one the signed finding cites.
    expect([...png!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png!.length).toBe(grab!.size);
    expect(createHash('sha256').update(png!).digest('hex')).toBe(grab!.sha256);
    const envelope = JSON.parse(entries.get('envelope.json')!.toString('utf8')) as {
      payload: string;
    };
    const manifest = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      evidence: { id: string; sha256: string; recordId: string }[];
    };
    expect(manifest.evidence).toEqual([
      expect.objectContaining({ id: grab!.id, sha256: grab!.sha256, recordId: finding!.id }),
    ]);
  });
});
