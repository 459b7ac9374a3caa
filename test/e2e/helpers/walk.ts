// Every screen of every role, as one ordered walk through one running app: the axe spec, the
// text scan and `npm run screenshots` all visit the same stops, so a screen added to a role's
// navigation (src-shared/profiles/roles.ts) is checked and photographed without touching this
// file, and a state that is not a navigation entry (a dialog, the picker) is one line in
// `extraStops` below.
import type { Page } from 'playwright-core';
import { roles, screensFor, type Role, type Screen } from '../../../src-shared/profiles/roles';
import { createProfile, E2E_PASSPHRASE, enterDemo, switchUser } from './profiles';

export interface Stop {
  /** File-safe name: `<who>-<screen>`, also the screenshot's file name. */
  name: string;
  /** Brings the page from the previous stop to this one and waits until it has settled. */
  reach(page: Page): Promise<void>;
}

const roleLabel: Record<Role, string> = {
  expert: '评审专家',
  chair: '评审组长',
  auditor: '区级审核员',
  printer: '证书打印员',
};

/** What shows that a screen has finished loading its data (besides its `screen-<name>` root). */
const screenReady: Partial<Record<Screen, string>> = {
  compliance: '[data-testid="class-list"]',
};

const LONG = { timeout: 60_000 };

/** States inside a screen worth their own stop (a tab, an open panel): one line each. */
const screenStates: Partial<Record<Screen, { name: string; reach(page: Page): Promise<void> }[]>> =
  {
    compliance: [
      { name: 'organizers', reach: (page) => openTab(page, '按培训组织方合计') },
      { name: 'sheet', reach: (page) => openTab(page, '季度补贴申领表') },
    ],
  };

async function openTab(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: label }).click();
  await page.getByRole('tabpanel', { name: label }).waitFor(LONG);
  await settled(page);
}

/** Waits until no loader spins inside the main area (data from IndexedDB or main arrived). */
async function settled(page: Page): Promise<void> {
  await page
    .locator('main .mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached', ...LONG });
}

async function openScreen(page: Page, screen: Screen): Promise<void> {
  await page.locator(`nav [data-screen="${screen}"]`).click();
  await page.getByTestId(`screen-${screen}`).waitFor(LONG);
  const ready = screenReady[screen];
  if (ready) await page.locator(ready).first().waitFor(LONG);
  await settled(page);
}

export const NORMAL_NAME = '韩正式';

function demoStops(role: Role): Stop[] {
  return screensFor(role).flatMap((screen, i) => [
    {
      name: `demo-${role}-${screen}`,
      reach: async (page: Page) => {
        if (i === 0) await enterDemo(page, roleLabel[role]);
        await openScreen(page, screen);
      },
    },
    ...(screenStates[screen] ?? []).map((state) => ({
      name: `demo-${role}-${screen}-${state.name}`,
      reach: state.reach,
    })),
  ]);
}

/** States reached through a dialog or the picker; add a line here for a new one. */
const extraStops: Stop[] = [
  {
    name: 'picker-empty',
    reach: async (page) => {
      await page.getByTestId('profile-picker').waitFor(LONG);
      await page.getByTestId('demo-card').waitFor();
    },
  },
];

const normalStops: Stop[] = [
  {
    name: 'normal-expert-review',
    reach: async (page) => {
      await createProfile(page, NORMAL_NAME, roleLabel.expert);
      await openScreen(page, 'review');
    },
  },
  { name: 'normal-expert-sync', reach: (page) => openScreen(page, 'sync') },
  { name: 'normal-expert-settings', reach: (page) => openScreen(page, 'settings') },
  {
    name: 'picker-profiles',
    reach: async (page) => {
      await switchUser(page);
      await page.getByTestId('profile-entry').filter({ hasText: NORMAL_NAME }).waitFor();
    },
  },
  {
    name: 'picker-unlock',
    reach: async (page) => {
      await page.getByTestId('profile-entry').filter({ hasText: NORMAL_NAME }).click();
      await page.getByTestId('unlock-passphrase').waitFor();
    },
  },
  {
    name: 'normal-expert-unlocked',
    reach: async (page) => {
      await page.getByTestId('unlock-passphrase').fill(E2E_PASSPHRASE);
      await page.getByTestId('unlock-passphrase').press('Enter');
      await page.getByTestId('profile-name').filter({ hasText: NORMAL_NAME }).waitFor(LONG);
      await settled(page);
    },
  },
];

/** The whole walk, in order: each stop starts where the one before it ended. */
export function walk(): Stop[] {
  const demo = roles.flatMap((role, i) => {
    const stops = demoStops(role);
    if (i === 0) return stops;
    // Between two roles: back to the picker, then 体验演示 for the next one.
    const [first, ...rest] = stops;
    if (!first) return rest;
    return [
      { ...first, reach: (page: Page) => switchUser(page).then(() => first.reach(page)) },
      ...rest,
    ];
  });
  const toNormal: Stop[] = normalStops.map((stop, i) =>
    i === 0
      ? { ...stop, reach: (page: Page) => switchUser(page).then(() => stop.reach(page)) }
      : stop,
  );
  return [...extraStops, ...demo, ...toNormal];
}

/** The viewport every check and screenshot uses: a common government laptop. */
export const VIEWPORT = { width: 1366, height: 768 };
