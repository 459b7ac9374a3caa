/// <reference lib="dom" />
// A signed package (demo key) with two business plans assigned to its expert 李专家: a 40-page
// plan in a non-embedded Chinese font and a one-page one. The reader spec and the reader
// benchmark import it into a demo expert profile through 设置 and link to 李专家.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { longPlanPdf } from '../../fixtures/longPlanPdf';
import { makeManifest } from '../../main/packages/factory';
import { writePackage } from '../../main/packages/factory';
import type { Harness } from '../harness/server';
import { DEMO_KEY } from './packages';

export const LONG_PLAN_EXPERT = '李专家';

export async function writeLongPlanPackage(dir: string): Promise<string> {
  const fixture = makeManifest({ packageId: 'PKG-READER-LONG', classes: 1, traineesPerClass: 2 });
  const [long, short] = [await longPlanPdf(40), await longPlanPdf(1)];
  fixture.manifest.files.forEach((file, i) => {
    const bytes = i === 0 ? long : short;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    Object.assign(file, { size: bytes.length, sha256 });
    fixture.contents.set(file.path, bytes);
  });
  const r = fixture.manifest.records;
  r.submissions[0]!.title = '长篇创业计划书（40 页）';
  r.submissions[1]!.title = '短篇创业计划书（1 页）';
  r.assignments = r.submissions.map((s, i) => ({
    id: `ASG-LONG-${i + 1}`,
    submissionId: s.id,
    panelId: 'PNL-1',
    expertId: 'EXP-1',
  }));
  const out = path.join(dir, 'reader-long-plan.qhpkg');
  await writePackage(out, fixture, { key: DEMO_KEY });
  return out;
}

/** From the shell of a demo expert: imports the package and links the profile to 李专家. */
export async function importLongPlan(page: Page, harness: Harness, file: string): Promise<void> {
  await page.locator('[data-screen="settings"]').click();
  await page.getByTestId('package-import-card').waitFor();
  harness.dialogs.answerNextOpen(file);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-close').click();
  await page.locator('[data-screen="review"]').click();
  await page.getByTestId('screen-review').waitFor();
}
