// UI steps shared by specs that need a submitted review (review.spec.ts, the sync round trip).
// Start from the shell of an expert (or chair) profile; the steps link the profile to a package
// expert if it is not linked yet, open the first assignment still to do, give every criterion
// its full score, pass it and submit with Ctrl+Enter (declaring 无利害关系 with its organizer
// when the app asks).
import type { Page } from 'playwright-core';

export interface SubmittedReview {
  assignmentId: string;
  submissionTitle: string;
}

/** Links the current profile to the package expert of that name (once per profile). */
export async function linkExpert(page: Page, expertName = '朱丽萍'): Promise<void> {
  await page.getByTestId('expert-link-select').click();
  await page.getByRole('option', { name: new RegExp(`^\u2068?${expertName}`) }).click();
  await page.getByTestId('expert-link-confirm').click();
  await page.getByTestId('review-queue').waitFor();
}

/**
 * The first item of an organizer opens behind its 回避声明: answers 无利害关系 when it is asked
 * (once per organizer and profile), then waits for the form.
 */
export async function declareNoConflictIfAsked(page: Page): Promise<void> {
  await page
    .locator('[data-testid="review-form"], [data-testid="conflict-declare"]')
    .first()
    .waitFor();
  if (await page.getByTestId('conflict-declare').isVisible()) {
    await page.getByTestId('conflict-none').check();
    await page.getByTestId('conflict-confirm').click();
  }
  await page.getByTestId('review-form').waitFor();
}

export async function submitFirstReview(
  page: Page,
  opts: { expertName?: string; comment?: string } = {},
): Promise<SubmittedReview> {
  await page.locator('[data-screen="review"]').click();
  await page.getByTestId('screen-review').waitFor();
  if (await page.getByTestId('expert-link-select').isVisible()) {
    await linkExpert(page, opts.expertName);
  }
  const item = page.locator('[data-testid="review-queue-item"][data-state="todo"]').first();
  await item.waitFor();
  const assignmentId = (await item.getAttribute('data-assignment-id')) ?? '';
  await item.click();
  await declareNoConflictIfAsked(page);
  const form = page.getByTestId('review-form');
  await page.locator(`[data-testid="review-form"][data-assignment-id="${assignmentId}"]`).waitFor();
  const submissionTitle = (await page.getByTestId('submission-title').textContent()) ?? '';
  const scores = form.locator('input[data-criterion]');
  const count = await scores.count();
  for (let i = 0; i < count; i++) {
    const input = scores.nth(i);
    await input.fill((await input.getAttribute('data-max')) ?? '0');
  }
  await page.getByTestId('verdict-pass').check();
  await page.getByLabel('评审意见').fill(opts.comment ?? '计划完整，财务测算合理，同意通过。');
  await page.getByTestId('no-conflict').check();
  await page.getByLabel('评审意见').press('Control+Enter');
  await page.getByTestId('review-status').filter({ hasText: '待同步' }).waitFor();
  return { assignmentId, submissionTitle };
}
