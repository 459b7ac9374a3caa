/// <reference lib="dom" />
// A signed package (demo key) with two business plans assigned to its expert 李专家: a 40-page
// plan in a non-embedded Chinese font and a one-page one. The reader spec and the reader
// benchmark import it into a demo expert profile through 设置 and link to 李专家.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { longPlanPdf } from '../../fixtures/longPlanPdf';
import { makeManifest, writePackage } from '../../main/packages/factory';
import type { Harness } from '../harness/server';
import { DEMO_KEY } from './packages';
import { enterDemo } from './profiles';
import { linkExpert } from './review';

export const LONG_PLAN_EXPERT = '李专家';

/** One PNG chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A shop screenshot (RGB PNG): a header bar and product tiles, so a zoom is visible. */
function shopScreenshot(width = 360, height = 240): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const header = y < 40;
      const tile = !header && x % 120 > 10 && x % 120 < 110 && (y - 40) % 100 > 10;
      const rgb = header ? [230, 80, 40] : tile ? [250, 200, 120] : [255, 255, 255];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PORTFOLIO_TITLE = '网店实践成果（含销售记录与截图）';
const SALES = [6266, 4045, 6726, 6721, 4900, 5016];

/**
 * `secondPages`: the other plan's length (the benchmark opens two 40-page plans in turn).
 * `portfolio`: add an online portfolio whose trainee's evidence is a sales CSV and a screenshot.
 */
export async function writeLongPlanPackage(
  dir: string,
  secondPages = 1,
  portfolio = true,
): Promise<string> {
  const fixture = makeManifest({
    packageId: 'PKG-READER-LONG',
    classes: 1,
    traineesPerClass: portfolio ? 3 : 2,
  });
  const [long, short] = [await longPlanPdf(40), await longPlanPdf(secondPages, 2)];
  const r = fixture.manifest.records;
  if (portfolio) {
    const csv = Buffer.from(
      `\uFEFF月份,订单数,销售额（元）\r\n${SALES.map((v, i) => `2025-0${i + 1},${40 + i},${v}`).join('\r\n')}\r\n`,
    );
    const extra = [
      {
        id: 'EV-SALES',
        path: 'evidence/TRN-1-3-sales.csv',
        bytes: csv,
        mediaType: 'text/csv',
        kind: 'sales-table' as const,
      },
      {
        id: 'EV-SHOT',
        path: 'evidence/TRN-1-3-shop.png',
        bytes: shopScreenshot(),
        mediaType: 'image/png',
        kind: 'portfolio' as const,
      },
    ];
    for (const e of extra) {
      fixture.contents.set(e.path, e.bytes);
      fixture.manifest.files.push({
        id: e.id,
        path: e.path,
        size: 0,
        sha256: '',
        mediaType: e.mediaType,
        kind: e.kind,
        external: false,
      });
    }
    r.trainees[2]!.practice = {
      shopOpenedAt: '2024-12-01',
      monthlySales: SALES.map((amountYuan, i) => ({ month: `2025-0${i + 1}`, amountYuan })),
      evidenceFileIds: extra.map((e) => e.id),
    };
    Object.assign(r.submissions[2]!, { kind: 'online-portfolio', title: PORTFOLIO_TITLE });
  }
  fixture.manifest.files.forEach((file, i) => {
    if (i > 1) {
      const bytes = fixture.contents.get(file.path)!;
      Object.assign(file, {
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      return;
    }
    const bytes = i === 0 ? long : short;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    Object.assign(file, { size: bytes.length, sha256 });
    fixture.contents.set(file.path, bytes);
  });
  r.submissions[0]!.title = '长篇创业计划书（40 页）';
  r.submissions[1]!.title = `短篇创业计划书（${secondPages} 页）`;
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

/**
 * The benches' opening: a fresh page at 1366×768 entered as the demo expert, with the 40-page
 * plan's package imported and 李专家 linked, on the review screen.
 */
export async function openLongPlanAsExpert(page: Page, harness: Harness): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(harness.url);
  await enterDemo(page, '评审专家');
  await importLongPlan(page, harness, await writeLongPlanPackage(harness.userDataDir, 40, false));
  await linkExpert(page, LONG_PLAN_EXPERT);
}
