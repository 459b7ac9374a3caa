// Importing work packages from the UI: the open dialog and a dropped file, progress, the
// summary for new / updated / unchanged packages, cancel, a tampered package, and the trust
// rule (a demo profile trusts the demo key, a normal profile only enrolled keys).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestOptions } from '../main/packages/factory';
import { REPO_ROOT } from './harness/server';
import {
  createProfile as createNormal,
  currentProfileDbName,
  enterDemo,
  switchUser,
} from './helpers/profiles';
import { generateSigningKey } from '../../src-main/services/crypto/ed25519';
import { writeSignedPackage } from './helpers/packages';
import { startApp, type AppSession } from './harness/session';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `package-import-${name}.png`) });
let app: AppSession;
let work: string;
const pkgs: Record<'v1' | 'v2' | 'conflict' | 'tampered' | 'big' | 'dropped', string> = {
  v1: '',
  v2: '',
  conflict: '',
  tampered: '',
  big: '',
  dropped: '',
};

async function writePkg(name: string, options: ManifestOptions): Promise<string> {
  const outPath = path.join(work, name);
  const fixture = await writeSignedPackage(outPath, options);
  if (name.startsWith('tampered')) {
    // Change one byte inside a stored file after signing: the hash check must catch it.
    const bytes = readFileSync(outPath);
    const first = [...fixture.contents.values()][0]!;
    const at = bytes.indexOf(Buffer.from(first.subarray(0, 64)));
    if (at < 0) throw new Error('file bytes not found in package');
    bytes[at + 100] = (bytes[at + 100] ?? 0) ^ 0xff;
    writeFileSync(outPath, bytes);
  }
  return outPath;
}

/** Row counts straight from IndexedDB, independent of what the UI shows. */
async function counts(): Promise<Record<string, number>> {
  return app.page.evaluate(
    (dbName: string) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const names = ['packages', 'classes', 'trainees', 'submissions', 'files'];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, number> = {};
          for (const n of names) {
            const req = tx.objectStore(n).count();
            req.onsuccess = () => (out[n] = req.result);
          }
          tx.oncomplete = () => (db.close(), resolve(out));
        };
      }),
    await currentProfileDbName(app.page),
  );
}

async function createProfile(name: string, demo: boolean): Promise<void> {
  if (demo) {
    await enterDemo(app.page, '证书打印员');
    await shot('demo-profile');
  } else {
    await createNormal(app.page, name, '证书打印员');
  }
}

async function openSettings(): Promise<void> {
  await app.page.locator('[data-screen="settings"]').click();
  await app.page.getByTestId('package-import-card').waitFor();
}

async function importViaDialog(file: string): Promise<void> {
  app.harness.dialogs.answerNextOpen(file);
  await app.page.getByTestId('import-button').click();
}

async function closeModal(): Promise<void> {
  await app.page.getByTestId('import-close').click();
  await app.page.getByTestId('import-modal').waitFor({ state: 'hidden' });
}

const summary = () => app.page.getByTestId('import-summary');
const uploadsLeft = () => {
  const dir = path.join(app.harness.userDataDir, 'import-uploads');
  return existsSync(dir) ? readdirSync(dir) : [];
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), 'qh-e2e-import-'));
  pkgs.v1 = await writePkg('haidian-v1.qhpkg', { classes: 2, traineesPerClass: 3 });
  pkgs.v2 = await writePkg('haidian-v2.qhpkg', { classes: 3, traineesPerClass: 4, version: 2 });
  pkgs.conflict = await writePkg('haidian-v2-other.qhpkg', { classes: 1, version: 2 });
  pkgs.tampered = await writePkg('tampered-v3.qhpkg', { classes: 1, version: 3 });
  pkgs.dropped = await writePkg('chaoyang.qhpkg', { classes: 1, packageId: 'PKG-2026-CY-01' });
  // Big enough that its file progress is visible; the test holds the job, not the machine.
  pkgs.big = await writePkg('big-v4.qhpkg', {
    classes: 1,
    traineesPerClass: 4,
    fileBytes: 8 * 1024 * 1024,
    version: 4,
  });
  app = await startApp();
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  // The big package is 256 MB: do not leave it in /tmp.
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('importing work packages', () => {
  it('a normal profile without enrollment is told to enroll first and nothing changes', async () => {
    await createProfile('钱正式', false);
    await openSettings();
    const before = await counts();
    // No dialog answer queued: trust is checked before the dialog would open.
    await app.page.getByTestId('import-button').click();
    await app.page.getByTestId('import-error').waitFor();
    await expect
      .poll(() => app.page.getByTestId('import-error').textContent())
      .toContain('尚未完成平台注册');
    expect(app.harness.dialogs.asked.filter((d) => d.kind === 'open')).toHaveLength(0);
    await shot('not-enrolled');
    await closeModal();
    await expect.poll(() => counts()).toEqual(before);
  });

  it('a demo profile imports a new package via the dialog and sees the summary', async () => {
    await switchUser(app.page);
    await createProfile('演示证书打印员', true);
    await app.page.getByTestId('profile-demo-badge').waitFor();
    await openSettings();
    await importViaDialog(pkgs.v1);
    await summary().waitFor();
    expect(app.harness.dialogs.asked.at(-1)?.filters[0]?.extensions).toEqual(['qhpkg']);
    await expect.poll(() => summary().getAttribute('data-outcome')).toBe('imported');
    await expect.poll(() => app.page.getByTestId('import-count-classes').textContent()).toBe('2');
    await expect.poll(() => app.page.getByTestId('import-count-trainees').textContent()).toBe('6');
    await expect.poll(() => app.page.getByTestId('import-media').textContent()).toBe('无');
    await shot('imported');
    await closeModal();
    await expect
      .poll(() => app.page.getByTestId('package-line').textContent())
      .toContain('第 1 版');
  });

  it('updates to version 2 and says from which version', async () => {
    await importViaDialog(pkgs.v2);
    await summary().waitFor();
    await expect.poll(() => summary().getAttribute('data-outcome')).toBe('updated');
    await expect.poll(() => summary().textContent()).toContain('第 1 版 → 第 2 版');
    await expect.poll(() => app.page.getByTestId('import-count-trainees').textContent()).toBe('12');
    await shot('updated');
    await closeModal();
  });

  it('re-importing the same package says 未作更改, also for the bundled demo package', async () => {
    const before = await counts();
    await importViaDialog(pkgs.v2);
    await summary().waitFor();
    await expect.poll(() => summary().getAttribute('data-outcome')).toBe('unchanged');
    await expect.poll(() => summary().textContent()).toContain('未作更改');
    await closeModal();
    await importViaDialog(path.join(REPO_ROOT, 'resources/demo/demo.qhpkg'));
    await summary().waitFor({ timeout: 60_000 });
    await expect.poll(() => summary().getAttribute('data-outcome')).toBe('unchanged');
    // The demo declares its full recordings as external media that only a drive would bring;
    // the audit class's media drive (resources/demo/media) is found beside it.
    await expect
      .poll(() => app.page.getByTestId('import-media').textContent())
      .toBe('共 142 个：已找到 37 个，缺失 105 个');
    await expect
      .poll(() => app.page.getByTestId('import-media-missing').textContent())
      .toContain('105 个外部媒体文件');
    await shot('unchanged');
    await closeModal();
    await expect.poll(() => counts()).toEqual(before);
  });

  it('refuses the same version with different content, naming the reason', async () => {
    const before = await counts();
    await importViaDialog(pkgs.conflict);
    await app.page.getByTestId('import-error').waitFor();
    await expect
      .poll(() => app.page.getByTestId('import-error').textContent())
      .toContain('同版本内容不同');
    await closeModal();
    await expect.poll(() => counts()).toEqual(before);
  });

  it('a package signed by a key the demo user does not trust says what a demo user can import', async () => {
    const foreign = path.join(work, 'foreign-signer.qhpkg');
    await writeSignedPackage(foreign, { classes: 1 }, generateSigningKey());
    const before = await counts();
    await importViaDialog(foreign);
    await app.page.getByTestId('import-error').waitFor();
    await expect
      .poll(() => app.page.getByTestId('import-error').innerText())
      .toContain('演示用户只接受随附的演示工作包');
    const shown = await app.page.getByTestId('import-error').innerText();
    expect(shown).not.toContain('先完成平台注册');
    expect(shown).not.toContain('untrusted-signer');
    await closeModal();
    await expect.poll(() => counts()).toEqual(before);
  });

  it('refuses a tampered package with a Chinese error naming the file, and changes nothing', async () => {
    const before = await counts();
    await importViaDialog(pkgs.tampered);
    await app.page.getByTestId('import-error').waitFor();
    const text = (await app.page.getByTestId('import-error').textContent()) ?? '';
    expect(text).toContain('“tampered-v3.qhpkg”');
    expect(text).toContain('签发后被改动过');
    // The code is for support: behind 详情, not in the sentence the person reads.
    expect(text).toContain('错误代码：hash-mismatch');
    expect(await app.page.getByTestId('import-error').innerText()).not.toContain('hash-mismatch');
    await shot('tampered');
    await closeModal();
    await expect.poll(() => counts()).toEqual(before);
  });

  it('shows file progress while verifying and really cancels', async () => {
    const before = await counts();
    // Held after verifying, before the result reaches the page: 取消 lands while the job runs
    // however fast this machine verifies.
    const hold = app.harness.holds.holdPackageResult();
    await importViaDialog(pkgs.big);
    await hold.reached;
    await app.page.getByTestId('import-phase').filter({ hasText: '校验文件' }).waitFor();
    await shot('progress');
    await app.page.getByTestId('import-cancel').click();
    await app.page.getByTestId('import-cancelled').waitFor();
    hold.release();
    await shot('cancelled');
    await closeModal();
    await expect.poll(() => counts()).toEqual(before);
    await expect
      .poll(() => app.page.getByTestId('package-line').textContent())
      .toContain('第 2 版');
  });

  it('imports a package dropped on the window (bytes sent to main in chunks)', async () => {
    const before = await counts();
    const b64 = readFileSync(pkgs.dropped).toString('base64');
    await app.page.evaluate(
      ({ b64, name }) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        const target = document.querySelector('main') ?? document.body;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(
            new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
          );
        }
      },
      { b64, name: 'chaoyang.qhpkg' },
    );
    await summary().waitFor();
    await expect.poll(() => summary().getAttribute('data-outcome')).toBe('imported');
    await expect
      .poll(() => app.page.getByTestId('import-file').textContent())
      .toBe('chaoyang.qhpkg');
    await closeModal();
    const after = await counts();
    expect(after.packages).toBe((before.packages ?? 0) + 1);
    await expect.poll(uploadsLeft).toEqual([]);
  });

  it('cancels a dropped file while it is still being received and keeps no partial file', async () => {
    const before = await counts();
    // The second chunk is held before main sees it, so 取消 lands while the file is still being
    // received, however fast this machine is.
    const hold = app.harness.holds.holdChannel('packages:uploadChunk');
    const second = app.harness.holds.holdChannel('packages:uploadChunk');
    hold.release();
    await app.page.evaluate(() => {
      // 48 MB of zeros: several chunks.
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(48 * 1024 * 1024)], 'huge.qhpkg'));
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    });
    await second.reached;
    await app.page.getByTestId('import-phase').filter({ hasText: '接收文件' }).waitFor();
    await shot('uploading');
    await app.page.getByTestId('import-cancel').click();
    await app.page.getByTestId('import-cancelled').waitFor();
    second.release();
    await closeModal();
    await expect.poll(uploadsLeft).toEqual([]);
    await expect.poll(() => counts()).toEqual(before);
  });

  it('refuses a dropped file that is not a work package without sending it', async () => {
    await app.page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(10)], '计划书.pdf'));
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    });
    await app.page.getByTestId('import-error').waitFor();
    await expect
      .poll(() => app.page.getByTestId('import-error').textContent())
      .toContain('“计划书.pdf”');
    await closeModal();
  });

  it('shows the import card on settings with the drop area', async () => {
    await shot('settings');
  });

  it('raised no uncaught page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
