/// <reference lib="dom" />
// Getting a person into the workstation, as every spec starts by doing: 体验演示 for a role (a
// demo profile holding the demo package), or 新建用户 (a real profile with a passphrase and
// no data until a package signed by an enrolled platform key is imported).
import type { Page } from 'playwright-core';

export const E2E_PASSPHRASE = 'qihang-e2e-口令';

/** 体验演示 for the role; waits until the shell shows the demo profile (named 演示 + role). */
export async function enterDemo(page: Page, roleLabel: string): Promise<string> {
  await page.getByTestId('demo-card').waitFor();
  await page
    .getByTestId('demo-role-select')
    .getByRole('radio', { name: roleLabel, exact: true })
    .check();
  await page.getByRole('button', { name: '进入演示' }).click();
  const name = `演示${roleLabel}`;
  // Verifying the demo package takes a few seconds on a loaded machine.
  await page.getByTestId('profile-name').filter({ hasText: name }).waitFor({ timeout: 60_000 });
  return name;
}

/** Fills 新建用户 with a name, role and passphrase (typed twice); does not submit. */
export async function fillProfileForm(
  page: Page,
  name: string,
  roleLabel: string,
  passphrase = E2E_PASSPHRASE,
): Promise<void> {
  await page.getByLabel('姓名').fill(name);
  await page
    .getByTestId('role-select')
    .getByRole('radio', { name: roleLabel, exact: true })
    .check();
  await page.getByTestId('new-passphrase').fill(passphrase);
  await page.getByTestId('new-passphrase-confirm').fill(passphrase);
}

/** Creates a real (normal) profile and waits until the shell shows it as the current user. */
export async function createProfile(
  page: Page,
  name: string,
  roleLabel: string,
  passphrase = E2E_PASSPHRASE,
): Promise<void> {
  await fillProfileForm(page, name, roleLabel, passphrase);
  await page.getByRole('button', { name: '创建并进入' }).click();
  await page.getByTestId('profile-name').filter({ hasText: name }).waitFor({ timeout: 30_000 });
}

/** 切换用户: locks the open profile and waits for the picker. */
export async function switchUser(page: Page): Promise<void> {
  await page.getByRole('button', { name: '切换用户' }).click();
  await page.getByTestId('profile-picker').waitFor();
}

/** Opens an existing profile from the picker, typing its passphrase when it asks for one. */
export async function openProfile(page: Page, name: string, passphrase?: string): Promise<void> {
  await page.getByTestId('profile-entry').filter({ hasText: name }).click();
  if (passphrase !== undefined) {
    await page.getByTestId('unlock-passphrase').fill(passphrase);
    await page.getByTestId('unlock-passphrase').press('Enter');
  }
  await page.getByTestId('profile-name').filter({ hasText: name }).waitFor({ timeout: 30_000 });
}

/** The IndexedDB name of the profile open now (as src-renderer/db/profileDb.ts names it). */
export async function currentProfileDbName(page: Page): Promise<string> {
  const id = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('qihang-directory');
        open.onerror = () => reject(new Error('directory open failed'));
        open.onsuccess = () => {
          const get = open.result
            .transaction('settings', 'readonly')
            .objectStore('settings')
            .get('currentProfileId');
          get.onsuccess = () => (open.result.close(), resolve(String(get.result?.value)));
          get.onerror = () => reject(new Error('directory read failed'));
        };
      }),
  );
  return `qihang-profile-${id}`;
}
