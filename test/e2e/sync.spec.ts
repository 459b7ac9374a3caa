// The sync round trip of issue 3, through the real UI and the real handlers: a review made in
// the form, a profile key, enrollment with a test platform, a signed bundle exported to a file,
// the platform's receipt imported back (and a tampered one refused), then an upload to the
// reference intake over loopback HTTP through a server fault.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntake, type Intake } from '../../src-main/services/intake/intake';
import { newPlatformKey } from '../../src-main/services/intake/platformKey';
import { startIntakeServer, type RunningIntakeServer } from '../../src-main/services/intake/server';
import { memoryStorage } from '../../src-main/services/intake/state';
import { currentProfileDbName, enterDemo } from './helpers/profiles';
import { submitFirstReview } from './helpers/review';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { scanText } from './helpers/textScan';
import { VIEWPORT } from './helpers/walk';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const PASS = 'qihang-e2e-口令';
// The harness's window; the enrollment step looks at the 1366×768 laptop screen, then goes back.
const DEFAULT_VIEWPORT = { width: 1360, height: 860 };
let app: AppSession;
let files: string;
let platformKeyid: string;
let profileId: string;
let intake: Intake;
let realIntake: Intake;
let server: RunningIntakeServer | undefined;

// From the top: a full-page capture of a scrolled page draws the fixed header over the content.
async function shot(name: string) {
  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.page.screenshot({ path: path.join(SHOTS, `sync-${name}.png`), fullPage: true });
}
const count = async (which: 'pending' | 'sent' | 'acknowledged') =>
  Number(await app.page.getByTestId(`count-${which}`).textContent());
// Signing runs scrypt and IndexedDB writes; on a shared 2-core machine that can take seconds.
const SLOW = { timeout: 20_000 };
const message = () => app.page.getByTestId('sync-message');

async function openSync() {
  await app.page.locator('[data-screen="sync"]').click();
  await app.page.getByTestId('screen-sync').waitFor();
}

async function enterPassphrase() {
  await app.page.getByTestId('passphrase-input').waitFor();
  await app.page.getByTestId('passphrase-input').fill(PASS);
  await app.page.getByTestId('passphrase-input').press('Enter');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(path.join(tmpdir(), 'qh-sync-e2e-'));
  // The test platform: the reference intake in this process, verifying with the same code.
  const key = newPlatformKey(new Date(Date.now() - 60_000));
  platformKeyid = key.key.keyid;
  // A training intake: the spec works in a demo profile, whose bundles a real intake refuses.
  // The real one shares its enrolment records, so it knows the workstation key too.
  const storage = memoryStorage();
  intake = createIntake({ platformKeys: [key], storage, acceptDemo: true });
  realIntake = createIntake({ platformKeys: [key], storage });
  app = await startApp();
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('sync round trip', () => {
  it('makes a review as a demo expert on the demo package', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await enterDemo(page, '评审专家');
    await submitFirstReview(page);
    await openSync();
    await expect.poll(() => count('pending'), SLOW).toBe(1);
    await expect.poll(() => count('acknowledged')).toBe(0);
  });

  it('refuses to sign before a key exists, then creates the key with a confirmed passphrase', async () => {
    const { page } = app;
    // Before a key exists, 导出结果包 is disabled with the reason beside it (not an error after).
    const exportButton = page.getByRole('button', { name: '导出结果包' });
    await expect.poll(() => exportButton.isDisabled(), SLOW).toBe(true);
    // The message an action leaves must not push the screen down: the key panel's place on the
    // page (not in the viewport, which may scroll to the focused field) is the same with it.
    const panelTop = () =>
      page
        .getByTestId('keys-panel')
        .evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));
    expect(await message().count()).toBe(0);
    const topBefore = await panelTop();
    expect(await page.getByTestId('sync-no-key').textContent()).toContain('还没有签名密钥');
    expect(await exportButton.getAttribute('aria-describedby')).toBe('sync-no-key');
    await page.getByTestId('key-passphrase').fill(PASS);
    await page.getByTestId('key-passphrase-confirm').fill(`${PASS}x`);
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    await page.getByText('两次输入的口令不一致').waitFor();
    await shot('create-key');
    await page.getByTestId('key-passphrase-confirm').fill(PASS);
    await page.getByTestId('key-passphrase-confirm').press('Enter');
    await expect.poll(() => message().textContent(), SLOW).toContain('签名密钥已创建');
    await expect.poll(panelTop).toBe(topBefore);
    // …and the message itself is in the window, not below the fold.
    await expect
      .poll(() => message().evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight))
      .toBe(true);
    await page.getByTestId('key-id').waitFor();
    // The whole fingerprint, in groups of four, and enabled export now that a key exists.
    const keyid = (await page.getByTestId('key-id').getAttribute('data-value')) ?? '';
    expect(keyid).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('key-id').textContent()).toBe(keyid.match(/.{4}/g)!.join(' '));
    await expect.poll(() => exportButton.isDisabled()).toBe(false);
    expect(await page.getByTestId('sync-no-key').count()).toBe(0);
  });

  it('enrolls: exports the request, the platform signs a reply, the reply is imported', async () => {
    const { page } = app;
    const requestFile = path.join(files, 'request.json');
    app.harness.dialogs.answerNextSave(requestFile);
    await page.getByRole('button', { name: '导出注册申请' }).click();
    await enterPassphrase();
    await expect.poll(() => message().textContent(), SLOW).toContain('注册申请已保存到');

    const reply = await intake.enroll(await readFile(requestFile));
    if (!reply.ok) throw new Error(reply.message);
    profileId = reply.reply.profileId;
    const replyFile = path.join(files, 'reply.json');
    await writeFile(replyFile, reply.replyText);
    await page.getByLabel('平台密钥指纹（选填，首次注册时核对）').fill(platformKeyid);
    // The panel changes in place at enrollment: its top stays where the person was looking
    // (it used to move below the history), and the sync actions come up under it.
    const panel = page.getByTestId('keys-panel');
    await page.setViewportSize(VIEWPORT);
    await page.evaluate(() => window.scrollTo(0, 0));
    const before = await panel.boundingBox();
    const actionsBefore = await page.getByRole('button', { name: '导出结果包' }).boundingBox();
    await page.screenshot({ path: path.join(SHOTS, 'sync-before-enrollment-1366.png') });
    app.harness.dialogs.answerNextOpen(replyFile);
    await page.getByRole('button', { name: '导入注册回复' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('已导入注册回复');
    await expect
      .poll(() => page.getByTestId('enrollment-state').textContent())
      .toContain('已注册到');
    await expect.poll(() => panel.getAttribute('data-setup-done')).toBe('true');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(before).not.toBeNull();
    await expect.poll(async () => (await panel.boundingBox())?.y).toBe(before?.y);
    // Smaller, not longer: the export button moved up, into the 768 px window.
    const actionsAfter = await page.getByRole('button', { name: '导出结果包' }).boundingBox();
    expect(actionsAfter!.y).toBeLessThan(actionsBefore!.y);
    expect(actionsAfter!.y + actionsAfter!.height).toBeLessThan(VIEWPORT.height);
    await page.screenshot({ path: path.join(SHOTS, 'sync-after-enrollment-1366.png') });
    // The platform keys, re-enrollment and the passphrase stay one click away.
    await page.getByTestId('keys-panel-toggle').click();
    await page.getByRole('button', { name: '导入注册回复' }).waitFor();
    await expect.poll(async () => (await panel.boundingBox())?.y).toBe(before?.y);
    await page.setViewportSize(DEFAULT_VIEWPORT);
    await shot('enrolled');
    await page.getByTestId('keys-panel-toggle').click();
  });

  let bundleFile: string;
  it('exports a signed bundle: the review is sent, the bundle pending with its counter', async () => {
    const { page } = app;
    bundleFile = path.join(files, 'out.qhres');
    app.harness.dialogs.answerNextSave(bundleFile);
    await page.getByRole('button', { name: '导出结果包' }).click();
    // A wrong passphrase keeps the dialog open: the message sits on the field, the focus is
    // back in it with the text selected, and the right one then goes through.
    const field = page.getByTestId('passphrase-input');
    await field.fill('not the passphrase');
    await field.press('Enter');
    await expect.poll(() => field.getAttribute('aria-invalid'), SLOW).toBe('true');
    await expect
      .poll(() => page.getByRole('dialog', { name: '输入签名口令' }).textContent())
      .toContain('口令不正确');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          return el ? [el.dataset.testid, el.selectionStart, el.selectionEnd] : null;
        }),
      )
      .toEqual(['passphrase-input', 0, 'not the passphrase'.length]);
    expect(await count('sent')).toBe(0);
    await enterPassphrase();
    await expect.poll(() => message().textContent(), SLOW).toContain('结果包已保存到');
    // A demo profile's bundle is named (and signed) as demo; the name is the person's, the
    // Beijing day and main's outbox counter, never a UUID.
    expect(app.harness.dialogs.asked.at(-1)?.defaultName).toMatch(
      /^演示-结果包_[^_]+_\d{4}-\d{2}-\d{2}_第1号\.qhres$/,
    );
    await expect.poll(() => count('sent'), SLOW).toBe(1);
    await expect.poll(() => count('pending')).toBe(0);
    await expect
      .poll(() => page.getByTestId('pending-bundle').textContent())
      .toContain('第 1 号结果包');
    await shot('sent');
  });

  let receiptText: string;
  it("a real platform's intake refuses the demo profile's bundle", async () => {
    const refused = await realIntake.acceptBundle(new Uint8Array(await readFile(bundleFile)));
    expect(refused).toMatchObject({ ok: false, code: 'demo-bundle' });
  });

  it('refuses a tampered receipt with a clear message and changes nothing', async () => {
    const { page } = app;
    const accepted = await intake.acceptBundle(new Uint8Array(await readFile(bundleFile)));
    if (!accepted.ok) throw new Error(accepted.message);
    receiptText = accepted.receiptText;
    const env = JSON.parse(receiptText) as { payload: string };
    const receipt = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as {
      counter: number;
    };
    receipt.counter = 7;
    const tamperedFile = path.join(files, 'tampered-receipt.json');
    await writeFile(
      tamperedFile,
      JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(receipt)).toString('base64') }),
    );
    app.harness.dialogs.answerNextOpen(tamperedFile);
    await page.getByRole('button', { name: '导入回执' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('签名校验失败');
    await expect.poll(() => message().textContent()).toContain('tampered-receipt.json');
    await expect.poll(() => count('sent')).toBe(1);
    await expect.poll(() => count('acknowledged')).toBe(0);
    await shot('tampered-receipt');
  });

  it('picking the registration reply as a receipt says which document it is, the code only behind 详情', async () => {
    const { page } = app;
    app.harness.dialogs.answerNextOpen(path.join(files, 'reply.json'));
    await page.getByRole('button', { name: '导入回执' }).click();
    await expect.poll(() => message().innerText(), SLOW).toContain('所选文件是注册回复，不是回执');
    // The visible text is the person's: no content type, no English code.
    const shown = await message().innerText();
    expect(shown).not.toMatch(/application|wrong-type|错误代码/);
    await message().getByText('详情').click();
    await expect.poll(() => message().innerText()).toContain('错误代码：wrong-type');
    await message().getByTestId('error-copy').click();
    await expect.poll(() => message().getByTestId('error-copy').textContent()).toBe('已复制');
    await expect.poll(() => count('sent')).toBe(1);
  });

  it('imports the real receipt: the review is acknowledged (synced)', async () => {
    const { page } = app;
    const receiptFile = path.join(files, 'receipt.json');
    await writeFile(receiptFile, receiptText);
    app.harness.dialogs.answerNextOpen(receiptFile);
    await page.getByRole('button', { name: '导入回执' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('1 条记录已标记为已确认');
    await expect.poll(() => count('acknowledged'), SLOW).toBe(1);
    await expect.poll(() => count('sent')).toBe(0);
    await page.getByTestId('sync-history').waitFor();
    await expect
      .poll(() => page.getByTestId('pending-bundle').textContent())
      .toContain('没有等待回执');
    // The message floats over the window's corner; scrolled to the end, the history's last row
    // comes up above it instead of staying covered until the message is closed.
    await page.setViewportSize(VIEWPORT);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const lastRow = page.getByTestId('sync-history').locator('tr').last();
    await expect
      .poll(async () => {
        const row = await lastRow.boundingBox();
        const floating = await page.getByTestId('sync-message-place').boundingBox();
        return row && floating ? floating.y - (row.y + row.height) : null;
      })
      .toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'sync-message-over-history-1366.png') });
    await page.setViewportSize(DEFAULT_VIEWPORT);
    await shot('acknowledged');
    await page.locator('[data-screen="review"]').click();
    await page.getByText('平台已确认').first().waitFor();
  });

  it('uploads the next bundle over loopback HTTP through a server fault', async () => {
    const { page } = app;
    await submitFirstReview(page);
    let faults = 2;
    server = await startIntakeServer(intake, {
      port: 0,
      faults: (stage, route) =>
        route === '/v1/bundles' && stage === 'received' && faults-- > 0 ? 'error500' : undefined,
    });
    await openSync();
    await expect.poll(() => count('pending'), SLOW).toBe(1);

    const url = page.getByTestId('platform-url');
    await url.fill('http://platform.example.com');
    await url.press('Enter');
    await page.getByText('平台地址须以 https:// 开头').waitFor();
    await url.fill(server.url);
    await url.press('Enter');
    await expect.poll(() => message().textContent(), SLOW).toContain('平台地址已保存');

    await page.getByRole('button', { name: '上传到平台' }).click();
    await enterPassphrase();
    const retrying = page.getByTestId('upload-progress').filter({ hasText: '次尝试失败' });
    await retrying.waitFor();
    // The server fault in words: no status number, no English (the code stays in main's log).
    const line = (await retrying.textContent()) ?? '';
    expect(line).toContain('管理平台暂时无法处理');
    expect(scanText(line)).toEqual([]);
    expect(line).not.toMatch(/HTTP|500/);
    await shot('upload-retry');
    await expect.poll(() => message().textContent(), SLOW).toContain('上传成功');
    await expect.poll(() => count('acknowledged'), SLOW).toBe(2);
    await expect.poll(() => count('pending')).toBe(0);
    await expect.poll(() => intake.acknowledgedRecordIds(profileId)).toHaveLength(2);
    await shot('uploaded');
  });

  it('refuses to export over a broken audit chain and says which entry is wrong', async () => {
    const { page } = app;
    await submitFirstReview(page);
    // Alter one stored audit entry behind the app's back, as a tamperer with disk access would.
    await page.evaluate(
      (dbName: string) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(new Error('open failed'));
          open.onsuccess = () => {
            const tx = open.result.transaction('auditLog', 'readwrite');
            const store = tx.objectStore('auditLog');
            const get = store.get(0);
            get.onsuccess = () => store.put({ ...get.result, actor: 'someone-else' });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(new Error('write failed'));
          };
        }),
      await currentProfileDbName(page),
    );
    await openSync();
    await expect.poll(() => count('pending'), SLOW).toBe(1);
    await page.getByRole('button', { name: '导出结果包' }).click();
    await expect
      .poll(() => message().textContent(), SLOW)
      .toContain('审计日志校验未通过（第 0 条）');
    await expect.poll(() => page.getByTestId('passphrase-input').count()).toBe(0);
    await expect.poll(() => count('pending')).toBe(1);
    await shot('audit-broken');
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
