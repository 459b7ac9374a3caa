// The next bundle takes each pending finding together with its frame grab from the database,
// defers findings whose grabs do not fit, and refuses when a cited grab is gone.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { gatherEvidence } from '../../../src-renderer/features/sync/bundleEvidence';
import { base64ToBytes } from '../../../src-shared/wire/envelope';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`evidence-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const png = (size: number, fill: number) => new Uint8Array(new ArrayBuffer(size)).fill(fill);

function finding(id: string, grabId?: string): ResultRecord {
  return {
    id,
    kind: 'finding',
    createdAt: '2026-12-03T02:00:00.000Z',
    payload: {
      sessionId: 's-1',
      ...(grabId ? { frameGrab: { id: grabId, sha256: 'a'.repeat(64), size: 10 } } : {}),
    },
  };
}
const review: ResultRecord = {
  id: 'rv-1',
  kind: 'review',
  createdAt: '2026-12-03T02:00:00.000Z',
  payload: { total: 80 },
};

async function storeGrab(grabId: string, findingId: string, bytes: Uint8Array<ArrayBuffer>) {
  await db.frameGrabs.add({
    id: grabId,
    findingId,
    sha256: 'a'.repeat(64),
    png: new Blob([bytes], { type: 'image/png' }),
    createdAt: '2026-12-03T02:00:00.000Z',
  });
}

describe('gatherEvidence', () => {
  it('sends each cited grab as a PNG under frames/, owned by its finding', async () => {
    await storeGrab('fg-1', 'af-1', png(10, 7));
    const r = await gatherEvidence(db, [review, finding('af-1', 'fg-1'), finding('af-2')]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records.map((x) => x.id)).toEqual(['rv-1', 'af-1', 'af-2']);
    expect(r.deferred).toBe(0);
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({
      id: 'fg-1',
      path: 'frames/fg-1.png',
      mediaType: 'image/png',
      recordId: 'af-1',
    });
    expect([...base64ToBytes(r.evidence[0]!.dataBase64)]).toEqual([...png(10, 7)]);
  });

  it('leaves findings whose grabs overflow the bundle for the next one', async () => {
    await storeGrab('fg-1', 'af-1', png(600, 1));
    await storeGrab('fg-2', 'af-2', png(600, 2));
    await storeGrab('fg-3', 'af-3', png(300, 3));
    const r = await gatherEvidence(
      db,
      [finding('af-1', 'fg-1'), finding('af-2', 'fg-2'), finding('af-3', 'fg-3'), review],
      { maxBytes: 1000, maxFiles: 10 },
    );
    if (!r.ok) throw new Error(r.code);
    expect(r.records.map((x) => x.id)).toEqual(['af-1', 'af-3', 'rv-1']);
    expect(r.evidence.map((e) => e.id)).toEqual(['fg-1', 'fg-3']);
    expect(r.deferred).toBe(1);
  });

  it('refuses, naming the finding, when a cited grab is not in the database', async () => {
    await storeGrab('fg-9', 'af-9', png(10, 1));
    expect(await gatherEvidence(db, [finding('af-1', 'fg-1')])).toEqual({
      ok: false,
      code: 'grab-missing',
      recordId: 'af-1',
      grabId: 'fg-1',
    });
    // A grab stored for another finding is not this finding's evidence.
    expect(await gatherEvidence(db, [finding('af-1', 'fg-9')])).toMatchObject({
      ok: false,
      code: 'grab-missing',
    });
  });
});
