import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  buildRunRequest,
  startPrecheck,
  type PrecheckState,
  type WorkerLike,
} from '../../../src-renderer/features/similarity/precheckFlow';
import {
  EXTRACTOR,
  type RunRequest,
  type WorkerMessage,
} from '../../../src-renderer/features/similarity/protocol';
import { unwrapLines } from '../../../src-renderer/features/similarity/unwrapLines';
import type { PrecheckResult } from '../../../src-shared/similarity/precheck';
import { PKG, seed } from '../review/fixtures';

const HASH = (n: number) => String(n).repeat(64).slice(0, 64);

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`similarity-flow-${++n}`);
  await db.open();
  await seed(db);
  await db.packages.add({
    packageId: PKG,
    version: 1,
    envelopeHash: 'e'.repeat(64),
    title: '测试工作包',
    issuer: '平台',
    district: '海淀区',
    createdAt: '2025-03-01T00:00:00Z',
    policyPackId: 'p',
    signedBy: [],
    importedAt: '2025-03-02T00:00:00Z',
  });
  const file = (i: 1 | 2, location: 'package' | 'external') => ({
    packageId: PKG,
    id: `f-${i}`,
    path: `submissions/C-1/T-${i}.pdf`,
    size: 100,
    sha256: HASH(i),
    mediaType: 'application/pdf',
    kind: 'business-plan' as const,
    external: location === 'external',
    location,
  });
  await db.files.bulkAdd([file(1, 'package'), file(2, 'package')]);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** A worker stand-in: records what it is sent; the test answers for it. */
function fakeWorker() {
  const w = {
    sent: [] as RunRequest[],
    terminated: false,
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    postMessage(m: RunRequest) {
      w.sent.push(m);
    },
    terminate() {
      w.terminated = true;
    },
    say(m: WorkerMessage) {
      w.onmessage?.({ data: m } as MessageEvent<unknown>);
    },
  };
  return w;
}

const emptyResult: PrecheckResult = {
  pairs: [],
  docs: [],
  candidates: 0,
  templateShingles: 0,
  maxDocFrequency: 3,
};

async function until<T>(fn: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

describe('buildRunRequest', () => {
  it('asks for every plan of the package by hash on the files route, with the rubric as template', async () => {
    const r = await buildRunRequest(db, PKG);
    expect(r.jobs.map((j) => [j.submissionId, j.url, j.formText])).toEqual([
      ['sub-1', `/files/${PKG}/${HASH(1)}`, '计划书 1'],
      ['sub-2', `/files/${PKG}/${HASH(2)}`, '计划书 2'],
    ]);
    expect(r.options.templatePhrases).toContain('市场分析');
    expect(r.failures).toEqual([]);
  });

  it('passes texts cached by hash and lists a file outside the package as not compared', async () => {
    await db.files.update('f-2', { location: 'external' });
    await db.similarityTexts.put({
      sha256: HASH(1),
      extractor: EXTRACTOR,
      extractedAt: '2025-03-03T00:00:00Z',
      pages: [{ page: 1, text: '缓存的文字' }],
    });
    const r = await buildRunRequest(db, PKG);
    expect(r.jobs.map((j) => j.submissionId)).toEqual(['sub-1']);
    expect(r.cached).toEqual({ [HASH(1)]: [{ page: 1, text: '缓存的文字' }] });
    expect(r.failures).toEqual([
      expect.objectContaining({ submissionId: 'sub-2', fileLabel: 'submissions/C-1/T-2.pdf' }),
    ]);
    // The sentence is the person's; the path is for support, behind 详情.
    expect(r.failures[0]!.message).toBe('文件不在工作包内（外置或缺失），未参与比较。');
  });

  it('ignores a cached text written by another extractor', async () => {
    await db.similarityTexts.put({
      sha256: HASH(1),
      extractor: 'older',
      extractedAt: '2025-03-03T00:00:00Z',
      pages: [],
    });
    expect((await buildRunRequest(db, PKG)).cached).toEqual({});
  });
});

describe('startPrecheck', () => {
  it('caches each extracted text by hash and stores the result when the worker is done', async () => {
    const w = fakeWorker();
    const states: PrecheckState[] = [];
    const run = startPrecheck(
      db,
      PKG,
      () => w,
      (s) => states.push(s),
    );
    await until(() => w.sent[0]);
    w.say({ type: 'progress', phase: 'extract', done: 0, total: 2, current: 'a.pdf' });
    w.say({ type: 'extracted', sha256: HASH(1), pages: [{ page: 1, text: '甲' }] });
    w.say({ type: 'done', result: emptyResult, failures: [] });
    expect(await run.finished).toEqual({ kind: 'done' });
    expect(states[1]).toEqual({
      kind: 'running',
      phase: 'extract',
      done: 0,
      total: 2,
      current: 'a.pdf',
    });
    expect((await db.similarityTexts.get(HASH(1)))?.pages).toEqual([{ page: 1, text: '甲' }]);
    const stored = await db.similarityResults.get(PKG);
    expect(stored?.envelopeHash).toBe('e'.repeat(64));
    expect(w.terminated).toBe(true);
  });

  it('cancels: stops the worker, stores no result, keeps the texts already extracted', async () => {
    const w = fakeWorker();
    const run = startPrecheck(
      db,
      PKG,
      () => w,
      () => undefined,
    );
    await until(() => w.sent[0]);
    w.say({ type: 'extracted', sha256: HASH(2), pages: [{ page: 1, text: '乙' }] });
    run.cancel();
    expect(await run.finished).toEqual({ kind: 'cancelled' });
    expect(w.terminated).toBe(true);
    // A late message from the stopped worker changes nothing.
    w.say({ type: 'done', result: emptyResult, failures: [] });
    await until(() => db.similarityTexts.get(HASH(2)));
    expect(await db.similarityResults.get(PKG)).toBeUndefined();
  });

  it('reports a worker error as a state with its sentence, the reader’s own text as detail', async () => {
    const w = fakeWorker();
    const run = startPrecheck(
      db,
      PKG,
      () => w,
      () => undefined,
    );
    await until(() => w.sent[0]);
    w.say({ type: 'error', message: '预检中途出错', detail: 'InvalidPDFException: Invalid PDF' });
    expect(await run.finished).toEqual({
      kind: 'error',
      message: '预检中途出错',
      detail: 'InvalidPDFException: Invalid PDF',
    });
  });

  it('says a crashed worker in Chinese and keeps the browser’s words for 详情', async () => {
    const w = fakeWorker();
    const run = startPrecheck(
      db,
      PKG,
      () => w,
      () => undefined,
    );
    await until(() => w.sent[0]);
    w.onerror?.({ message: 'Uncaught TypeError: x is undefined' } as ErrorEvent);
    const state = await run.finished;
    expect(state).toMatchObject({ kind: 'error', detail: 'Uncaught TypeError: x is undefined' });
    expect(state.kind === 'error' && state.message).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe('unwrapLines', () => {
  it('joins PDF line wraps inside Chinese text and keeps a space elsewhere', () => {
    expect(unwrapLines('其中六\n成老人')).toBe('其中六成老人');
    expect(unwrapLines('WiFi\n覆盖')).toBe('WiFi 覆盖');
  });
});
