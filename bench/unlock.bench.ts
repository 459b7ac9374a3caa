// Unlocking a profile that holds 50,000 assignments (1,000 experts with 50 each, 10,000
// submissions and trainees) until its expert's 评审任务 queue is on screen, against unlocking
// an empty profile until its 评审任务 screen is on screen. Both sides pay the same scrypt
// passphrase check in main; the difference is what opening a full database and loading one
// expert's queue costs. Runs alternate in one browser; each run locks (切换用户) first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/harness/browser';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { startHarness } from '../test/e2e/harness/server';
import {
  createProfile,
  currentProfileDbName,
  openProfile,
  switchUser,
} from '../test/e2e/helpers/profiles';
import { compare, resultOf } from './lib/measure';
import { attachHarness } from '../test/e2e/harness/session';

const PASS = 'bench-口令-unlock';
const ASSIGNMENTS = 50_000;
const EXPERTS = 1_000;
const SUBMISSIONS = 10_000;
const RUNS = 15;

/** Writes the rows straight into the profile's database (its schema already created). */
function fill(page: Page, dbName: string, profileId: string) {
  return page.evaluate(
    ({ dbName, profileId, n }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const stores = ['packages', 'organizers', 'classes', 'trainees', 'submissions'];
          const more = ['experts', 'assignments', 'rubrics', 'settings'];
          const tx = db.transaction([...stores, ...more], 'readwrite');
          const packageId = 'PKG-BENCH';
          tx.objectStore('packages').put({
            packageId,
            version: 1,
            envelopeHash: 'a'.repeat(64),
            title: '基准测试工作包',
            issuer: '基准',
            district: '海淀区',
            createdAt: '2026-03-01T09:00:00+08:00',
            policyPackId: 'notice-2023-25',
            signedBy: ['b'.repeat(64)],
            importedAt: '2026-03-02T09:00:00.000Z',
          });
          tx.objectStore('organizers').put({ packageId, id: 'ORG-1', name: '基准学校' });
          tx.objectStore('classes').put({
            packageId,
            id: 'C-1',
            organizerId: 'ORG-1',
            name: '基准班',
            program: 'basic',
            startDate: '2026-03-01',
            endDate: '2026-03-20',
            traineeIds: [],
          });
          tx.objectStore('rubrics').put({
            packageId,
            id: 'RUB-1',
            program: 'basic',
            submissionKind: 'business-plan',
            title: '创业计划书评审标准',
            passScore: 60,
            criteria: [{ id: 'c-1', label: '可行性', maxScore: 100 }],
          });
          for (let i = 0; i < n.submissions; i++) {
            tx.objectStore('trainees').put({
              packageId,
              id: `T-${i}`,
              name: `学员${i}`,
              classIds: ['C-1'],
            });
            tx.objectStore('submissions').put({
              packageId,
              id: `S-${i}`,
              traineeId: `T-${i}`,
              classId: 'C-1',
              kind: 'business-plan',
              title: `计划书 ${i}`,
              fileId: `F-${i}`,
              submittedAt: '2026-03-10T10:00:00+08:00',
            });
          }
          for (let e = 0; e < n.experts; e++)
            tx.objectStore('experts').put({ packageId, id: `EXP-${e}`, name: `专家${e}` });
          for (let i = 0; i < n.assignments; i++) {
            const expertId = `EXP-${i % n.experts}`;
            const submissionId = `S-${i % n.submissions}`;
            tx.objectStore('assignments').put({
              packageId,
              id: `A-${i}`,
              submissionId,
              expertId,
              panelId: 'P-1',
            });
          }
          tx.objectStore('settings').put({ key: `reviewExpert:${profileId}`, value: 'EXP-0' });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(new Error('fill failed'));
        };
      }),
    {
      dbName,
      profileId,
      n: { assignments: ASSIGNMENTS, experts: EXPERTS, submissions: SUBMISSIONS },
    },
  );
}

export default {
  name: 'unlock',
  goal: 2,
  async run() {
    ensureRendererBuilt();
    const harness = await startHarness();
    const dir = mkdtempSync(path.join(tmpdir(), 'qihang-bench-unlock-'));
    const { context } = await launchBrowser(dir);
    await attachHarness(context, harness);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(harness.url);
      await page.getByTestId('profile-picker').waitFor({ timeout: 60_000 });
      await createProfile(page, '满', '评审专家', PASS);
      const fullDb = await currentProfileDbName(page);
      await switchUser(page);
      await fill(page, fullDb, fullDb.replace('qihang-profile-', ''));
      await createProfile(page, '空', '评审专家', PASS);
      await switchUser(page);

      const unlockUntil = async (name: string, ready: string) => {
        await openProfile(page, name, PASS);
        await page.locator(ready).first().waitFor({ timeout: 60_000 });
      };
      let queueLength = 0;
      const result = await compare(
        async () => {
          await unlockUntil('满', '[data-testid="review-queue-item"]');
          queueLength = await page.getByTestId('review-queue-item').count();
          await switchUser(page);
        },
        async () => {
          // An empty profile's 评审任务 is ready when it says there are no experts yet.
          await unlockUntil('空', '[data-testid="screen-review"] [role="alert"]');
          await switchUser(page);
        },
        { runs: RUNS, warmup: 1 },
      );
      return {
        ...resultOf(result),
        details: {
          assignments: ASSIGNMENTS,
          'queue items shown': queueLength,
        },
      };
    } finally {
      await context.close();
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
