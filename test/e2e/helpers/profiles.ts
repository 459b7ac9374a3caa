// Filling in the profile picker, as every spec starts by doing.
import type { Page } from 'playwright-core';

/** Fills the new-profile form with a name and role, ticking 演示用户 when asked; does not submit. */
export async function fillProfileForm(
  page: Page,
  name: string,
  roleLabel: string,
  opts: { demo?: boolean } = {},
): Promise<void> {
  await page.getByLabel('姓名').fill(name);
  await page.getByTestId('role-select').click();
  await page.getByRole('option', { name: roleLabel, exact: true }).click();
  if (opts.demo) await page.getByTestId('profile-demo').check();
}

/** Creates the profile and waits until the shell shows it as the current user. */
export async function createProfile(page: Page, name: string, roleLabel: string): Promise<void> {
  await fillProfileForm(page, name, roleLabel);
  await page.getByRole('button', { name: '创建并进入' }).click();
  await page.getByTestId('profile-name').filter({ hasText: name }).waitFor();
}
