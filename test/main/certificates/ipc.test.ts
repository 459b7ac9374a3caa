import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MainContext } from '../../../src-main/ipc/context';
import { certificatesHandlers } from '../../../src-main/ipc/certificates';
import { readDemoKey } from '../../../src-main/services/packages/trust';
import { openWorkPackage } from '../../../src-main/services/packages/open';
import type { BatchItem } from '../../../src-shared/ipc/certificates';
import { DEMO_DOCUMENT_NOTICE } from '../../../src-shared/profiles/demoMark';
import { ScriptedDialogs } from '../../doubles/dialogs';

const RESOURCES = path.resolve(__dirname, '../../../resources');
let items: BatchItem[] = [];

function context(answer: string | null, dialogs = new ScriptedDialogs()): MainContext {
  dialogs.answerNextSave(answer);
  return {
    version: '0.0.0-test',
    host: 'browser-harness',
    packaged: false,
    platform: 'linux',
    resourcesDir: RESOURCES,
    userDataDir: mkdtempSync(path.join(tmpdir(), 'qh-cert-ipc-')),
    dialogs,
    sealer: {
      isEncryptionAvailable: () => false,
      backend: () => 'test',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  } as MainContext;
}

const request = (list: BatchItem[]) => ({
  importer: { profileId: 'p-print', demo: true },
  classId: 'C-2024-HD-O03',
  items: list,
  calibration: { dxMm: 0, dyMm: 0 },
});

beforeAll(async () => {
  const trust = await readDemoKey(RESOURCES);
  if (!trust.ok) throw new Error(trust.message);
  const opened = await openWorkPackage(path.join(RESOURCES, 'demo', 'demo.qhpkg'), {
    trustedKeys: trust.keys,
  });
  if (!opened.ok) throw new Error(opened.message);
  const names = new Map(opened.manifest.records.trainees.map((t) => [t.id, t.name]));
  items = opened.manifest.records.certificateNumbers.map((n) => ({
    traineeId: n.traineeId,
    name: names.get(n.traineeId)!,
    number: n.number,
    signedRecord: n.signedRecord!,
  }));
}, 60_000);

describe('certificates IPC handlers', () => {
  it('previews page 1 as document data from the verified record', async () => {
    const r = await certificatesHandlers(context(null)).previewBatch(request(items));
    expect(r.ok && r.value.printable).toBe(items.length);
    expect(r.ok && r.value.page?.number).toBe(items[0]!.number);
  }, 60_000);

  it('refuses a number that is not the one the platform signed', async () => {
    const forged = [{ ...items[0]!, number: 'BJWL-2024-999999' }];
    const r = await certificatesHandlers(context(null)).previewBatch(request(forged));
    expect(r).toMatchObject({ ok: false, error: { code: 'certificates/number-mismatch' } });
  }, 60_000);

  it('refuses records for a non-demo profile that has no enrolled platform key', async () => {
    const r = await certificatesHandlers(context(null)).previewBatch({
      ...request(items),
      importer: { profileId: 'p-real', demo: false },
    });
    expect(r.ok).toBe(false);
  }, 60_000);

  it('writes the batch where the dialog says, and nothing when it is cancelled', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'qh-cert-ipc-out-')), 'batch');
    const saved = await certificatesHandlers(context(out)).saveBatch(request(items));
    expect(saved.ok && saved.value).toMatchObject({ status: 'saved', path: `${out}.pdf` });
    expect(readFileSync(`${out}.pdf`).subarray(0, 5).toString()).toBe('%PDF-');
    const other = path.join(path.dirname(out), 'other.pdf');
    const cancelled = await certificatesHandlers(context(null)).saveBatch(request(items));
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    expect(existsSync(other)).toBe(false);
  }, 120_000);

  it("marks a demo profile's batch 演示 in its file name and on its pages (main's record)", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'qh-cert-ipc-out-')), 'demo.pdf');
    const dialogs = new ScriptedDialogs();
    const saved = await certificatesHandlers(context(out, dialogs)).saveBatch(
      request(items.slice(0, 1)),
    );
    expect(saved.ok && saved.value.status).toBe('saved');
    expect(dialogs.asked.map((a) => a.defaultName)).toHaveLength(1);
    expect(dialogs.asked[0]?.defaultName).toMatch(/^演示-合格证书_.+_\d{4}-\d{2}-\d{2}_1张\.pdf$/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
    expect(text).toContain(DEMO_DOCUMENT_NOTICE);
  }, 120_000);

  it('prints through the host printer with the copies asked, and refuses without one', async () => {
    const none = await certificatesHandlers(context(null)).printBatch({
      ...request(items),
      copies: 1,
    });
    expect(none).toMatchObject({ ok: false, error: { code: 'certificates/no-printer' } });
    const jobs: { pdf: Uint8Array; title: string; copies: number }[] = [];
    const ctx = {
      ...context(null),
      printer: {
        printPdf: (job: { pdf: Uint8Array; title: string; copies: number }) => {
          jobs.push(job);
          return Promise.resolve({ status: 'printed' as const, printer: '测试打印机' });
        },
      },
    };
    const r = await certificatesHandlers(ctx).printBatch({
      ...request(items.slice(0, 2)),
      copies: 3,
    });
    expect(r.ok && r.value).toMatchObject({ status: 'printed', printer: '测试打印机' });
    expect(r.ok && r.value.status === 'printed' && r.value.numbers).toEqual(
      items.slice(0, 2).map((i) => i.number),
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.copies).toBe(3);
    expect(Buffer.from(jobs[0]!.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  }, 120_000);
});
