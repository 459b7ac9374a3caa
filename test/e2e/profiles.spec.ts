// Issue 9's attack, through the real UI and handlers: a real profile enrolled with a test
// platform imports a real package; a demo profile then imports packages signed with the public
// demo key that reuse the real package's id (at version 2) and its record ids. The real
// profile's rows stay byte for byte what they were, and its screens show the real package.
// Also: 新建用户 with a passphrase (strength, no recovery), lock, and a wrong passphrase.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningKey } from '../../src-main/services/crypto/ed25519';
import { createIntake, type Intake } from '../../src-main/services/intake/intake';
import { newPlatformKey } from '../../src-main/services/intake/platformKey';
import { memoryStorage } from '../../src-main/services/intake/state';
import type { ManifestOptions } from '../main/packages/factory';
import { REPO_ROOT } from './harness/server';
import { DEMO_KEY, writeSignedPackage } from './helpers/packages';
import { startApp, type AppSession } from './harness/session';
import {
  currentProfileDbName,
  E2E_PASSPHRASE,
  enterDemo,
  fillProfileForm,
  switchUser,
} from './helpers/profiles';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `profiles-${name}.png`) });
const SLOW = { timeout: 30_000 };
const REAL_NAME = '韩正式';

let app: AppSession;
let work: string;
let intake: Intake;
let platformKey: SigningKey;
let realDb: string;
const pkgs = { real: '', forgedV2: '' };

async function writePkg(name: string, options: ManifestOptions, key: SigningKey) {
  const outPath = path.join(work, name);
  await writeSignedPackage(outPath, options, key);
  return outPath;
}

/** Every row of every table of a profile database, as one JSON text. */
function dump(dbName: string): Promise<string> {
  return app.page.evaluate(
    (name: string) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames].sort();
          const tx = db.transaction(stores, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const s of stores) {
            const req = tx.objectStore(s).getAll();
            req.onsuccess = () => (out[s] = req.result as unknown[]);
          }
          tx.oncomplete = () => (db.close(), resolve(JSON.stringify(out)));
        };
      }),
    dbName,
  );
}

async function openScreen(screen: string) {
  await app.page.locator(`[data-screen="${screen}"]`).click();
  await app.page.getByTestId(`screen-${screen}`).waitFor();
}

async function importViaDialog(file: string) {
  await openScreen('settings');
  app.harness.dialogs.answerNextOpen(file);
  await app.page.getByTestId('import-button').click();
  const done = app.page.getByTestId('import-summary').or(app.page.getByTestId('import-error'));
  await done.waitFor(SLOW);
  const text = (await done.textContent()) ?? '';
  const outcome = await app.page
    .getByTestId('import-summary')
    .getAttribute('data-outcome', {
      timeout: 1000,
    })
    .catch(() => 'error');
  await app.page.getByTestId('import-close').click();
  await app.page.getByTestId('import-modal').waitFor({ state: 'hidden' });
  return { outcome, text };
}

/** What the real profile's screens show about its data. */
async function realScreens() {
  await openScreen('review');
  const select = app.page.getByTestId('expert-link-select');
  await select.click();
  const options = app.page.getByRole('option');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  const experts = await options.allTextContents();
  await app.page.keyboard.press('Escape');
  return { packageLine: await app.page.getByTestId('package-line').textContent(), experts };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), 'qh-e2e-profiles-'));
  const key = newPlatformKey(new Date(Date.now() - 60_000));
  platformKey = key.key;
  intake = createIntake({ platformKeys: [key], storage: memoryStorage() });
  pkgs.real = await writePkg('real.qhpkg', { packageId: 'PKG-REAL', classes: 1 }, platformKey);
  // Same package id at version 2, same record ids (the factory numbers them the same way).
  pkgs.forgedV2 = await writePkg(
    'forged-v2.qhpkg',
    { packageId: 'PKG-REAL', version: 2, classes: 2, traineesPerClass: 3 },
    DEMO_KEY,
  );
  app = await startApp();
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('profiles keep people apart', () => {
  it('新建用户 asks a passphrase, rates it as typed, warns it cannot be recovered', async () => {
    const { page } = app;
    await fillProfileForm(page, REAL_NAME, '评审专家', 'abc');
    const meter = page.getByTestId('passphrase-strength');
    await expect.poll(() => meter.getAttribute('data-score')).toBe('0');
    await page.getByTestId('new-passphrase').fill(E2E_PASSPHRASE);
    await expect
      .poll(async () => Number(await meter.getAttribute('data-score')))
      .toBeGreaterThan(2);
    await expect
      .poll(() => page.getByTestId('no-recovery').textContent())
      .toContain('口令无法找回');
    await page.getByTestId('new-passphrase-confirm').fill(`${E2E_PASSPHRASE}x`);
    await page.getByRole('button', { name: '创建并进入' }).click();
    await page.getByText('两次输入的口令不一致').waitFor();
    await shot('new-user');
    await page.getByTestId('new-passphrase-confirm').fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: '创建并进入' }).click();
    await page.getByTestId('profile-name').filter({ hasText: REAL_NAME }).waitFor(SLOW);
    await expect.poll(() => page.getByTestId('package-line').textContent()).toBe('尚未导入工作包');
    await expect.poll(() => page.getByTestId('demo-banner').count()).toBe(0);
    realDb = await currentProfileDbName(page);
    expect(JSON.parse(await dump(realDb))).toMatchObject({ packages: [], classes: [] });
  });

  it('enrolls with the test platform and imports the real package', async () => {
    const { page } = app;
    await openScreen('sync');
    const requestFile = path.join(work, 'request.json');
    app.harness.dialogs.answerNextSave(requestFile);
    await page.getByRole('button', { name: '导出注册申请' }).click();
    await page.getByTestId('passphrase-input').fill(E2E_PASSPHRASE);
    await page.getByTestId('passphrase-input').press('Enter');
    await expect
      .poll(() => page.getByTestId('sync-message').textContent(), SLOW)
      .toContain('注册申请已保存到');
    const reply = await intake.enroll(await readFile(requestFile));
    if (!reply.ok) throw new Error(reply.message);
    const replyFile = path.join(work, 'reply.json');
    await writeFile(replyFile, reply.replyText);
    app.harness.dialogs.answerNextOpen(replyFile);
    await page.getByRole('button', { name: '导入注册回复' }).click();
    await expect
      .poll(() => page.getByTestId('enrollment-state').textContent(), SLOW)
      .toContain('已注册到');
    await expect.poll(() => importViaDialog(pkgs.real)).toMatchObject({ outcome: 'imported' });
  });

  let before: { rows: string; screens: Awaited<ReturnType<typeof realScreens>> };
  it('locks on 切换用户: main refuses the locked profile its key operations', async () => {
    before = { rows: await dump(realDb), screens: await realScreens() };
    expect(before.screens.packageLine).toContain('第 1 版');
    const profileId = realDb.replace('qihang-profile-', '');
    await switchUser(app.page);
    await expect.poll(() => app.page.getByTestId('role-nav').count()).toBe(0);
    const answer = await app.page.evaluate(
      ([id, pass]) =>
        (
          window as unknown as {
            qihang: { keys: { exportEnrollmentRequest(r: unknown): Promise<unknown> } };
          }
        ).qihang.keys.exportEnrollmentRequest({
          profile: { id, name: '韩正式', role: 'expert', district: '' },
          passphrase: pass,
        }),
      [profileId, E2E_PASSPHRASE] as const,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'profile-locked' } });
  });

  it('a demo profile takes the forged packages into its own database only', async () => {
    await enterDemo(app.page, '评审专家');
    await app.page.getByTestId('demo-banner').waitFor();
    // Its own space: the forged PKG-REAL v2 is new there, so it is stored there.
    await expect.poll(() => importViaDialog(pkgs.forgedV2)).toMatchObject({ outcome: 'imported' });
    await expect
      .poll(() => app.page.getByTestId('package-line').textContent())
      .toContain('第 2 版');
    await shot('demo-forged');
  });

  it('the real profile opens only with its passphrase; a wrong one leaves the field ready', async () => {
    const { page } = app;
    await switchUser(page);
    await page.getByTestId('profile-entry').filter({ hasText: REAL_NAME }).click();
    const field = page.getByTestId('unlock-passphrase');
    await field.fill('not-the-passphrase');
    await field.press('Enter');
    await page.getByText('口令不正确').waitFor(SLOW);
    await expect.poll(() => field.isVisible()).toBe(true);
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot('wrong-passphrase');
    await field.fill(E2E_PASSPHRASE);
    await field.press('Enter');
    await page.getByTestId('profile-name').filter({ hasText: REAL_NAME }).waitFor(SLOW);
  });

  it("the real profile's rows and screens are unchanged, byte for byte", async () => {
    await expect.poll(() => dump(realDb)).toBe(before.rows);
    await expect.poll(() => realScreens()).toEqual(before.screens);
    await shot('real-unchanged');
  });

  it('the real profile refuses the forged version 2 itself (demo key not trusted)', async () => {
    const refused = await importViaDialog(pkgs.forgedV2);
    expect(refused.outcome).toBe('error');
    await expect.poll(() => dump(realDb)).toBe(before.rows);
  });

  it('after a reload the picker comes up already listing everyone, then asks the last user', async () => {
    const { page } = app;
    // Records what the picker held when it first entered the page (the observer runs after
    // React's commit inserted it): a list read only after mount would show 0 entries here.
    await page.context().addInitScript(() => {
      new MutationObserver((_records, observer) => {
        const picker = document.querySelector('[data-testid="profile-picker"]');
        if (!picker) return;
        const w = window as unknown as { __firstPickerEntries?: string[] };
        w.__firstPickerEntries = [...picker.querySelectorAll('[data-testid="profile-entry"]')].map(
          (e) => e.textContent ?? '',
        );
        (w as { __firstPickerAsks?: boolean }).__firstPickerAsks =
          picker.querySelector('[data-testid="unlock-passphrase"]') !== null;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    await page.reload();
    const field = page.getByTestId('unlock-passphrase');
    await field.waitFor(SLOW);
    const first = await page.evaluate(
      () => (window as unknown as { __firstPickerEntries?: string[] }).__firstPickerEntries,
    );
    expect(first).toHaveLength(2);
    expect(first!.join(' ')).toContain(REAL_NAME);
    expect(first!.join(' ')).toContain('演示评审专家');
    // The last user's passphrase is asked in that same first frame, with the keyboard on it.
    const asks = await page.evaluate(
      () => (window as unknown as { __firstPickerAsks?: boolean }).__firstPickerAsks,
    );
    expect(asks).toBe(true);
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await field.fill(E2E_PASSPHRASE);
    await field.press('Enter');
    await page.getByTestId('profile-name').filter({ hasText: REAL_NAME }).waitFor(SLOW);
  });

  it('locks itself after the idle time set in 设置: screens gone, passphrase asked', async () => {
    const { page } = app;
    await page.clock.install();
    // Any input restarts the idle timer, now on the page's fake clock.
    await page.mouse.move(300, 300);
    await page.mouse.move(310, 310);
    await page.clock.fastForward('14:00');
    await expect.poll(() => page.getByTestId('role-nav').count()).toBe(1);
    await page.clock.fastForward('01:30');
    await page.getByTestId('unlock-passphrase').waitFor(SLOW);
    await expect.poll(() => page.getByTestId('role-nav').count()).toBe(0);
    await expect.poll(() => page.getByTestId('profile-name').count()).toBe(0);
    await shot('idle-locked');
  });

  it('Esc or 取消 puts the passphrase form away and leaves the keyboard on its entry', async () => {
    const { page } = app;
    const entry = page.getByTestId('profile-entry').filter({ hasText: REAL_NAME });
    const field = page.getByTestId('unlock-passphrase');
    await expect.poll(() => entry.getAttribute('aria-expanded')).toBe('true');
    await field.press('Escape');
    await expect.poll(() => field.count()).toBe(0);
    await expect.poll(() => entry.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => entry.getAttribute('aria-expanded')).toBe('false');
    // Enter on the entry asks again, under it; 取消 puts it away the same way.
    await entry.press('Enter');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('unlock-panel').getByRole('button', { name: '取消' }).click();
    await expect.poll(() => field.count()).toBe(0);
    await expect.poll(() => entry.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('deletes a profile after confirmation: its entry and its database are gone', async () => {
    const { page } = app;
    const databases = () =>
      page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    const before = await databases();
    expect(before.filter((n) => n.startsWith('qihang-profile-'))).toHaveLength(2);
    await page.getByTestId('profile-delete').and(page.getByLabel('删除 演示评审专家')).click();
    await page.getByText('此操作无法撤销').waitFor();
    await shot('delete');
    await page.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(() => page.getByTestId('profile-entry').count()).toBe(1);
    const after = await databases();
    expect(after.filter((n) => n.startsWith('qihang-profile-'))).toEqual([realDb]);
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
