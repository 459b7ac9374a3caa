// The queue as the screen watches it: two live queries instead of one. Dexie re-runs a live
// query when a table range it read changes; one query over every table re-read and rebuilt all
// 50,000 items after each autosave. The package part is watched over the package tables and
// kept per database, keyed by the expert and the packages in store (an import changes the
// `packages` row in the same transaction as the rows), so coming back to the screen costs one
// read of `packages`; the profile's own part is watched over its own ranges. Each new pair is
// joined with the list before it (combineQueue), keeping the items that did not change.
//
// The package part is also stored under the same key, as columns (columns.ts) in `settings`:
// the first open after the app starts read 150,000 rows of five tables (20 s and more at 50,000
// assignments on a loaded machine) to build what the last session had already built from the
// same packages. One row of columns is read in a fraction of that.
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { WorkstationDb } from '../../db/db';
import { fromColumns, isColumns, toColumns, type Columns } from './columns';
import {
  combineQueue,
  loadQueueBase,
  loadQueueOwn,
  queueBaseTables,
  type QueueBase,
  type QueueItem,
  type QueueOwn,
} from './queue';

interface BaseEntry {
  key: string;
  base: readonly QueueBase[];
}

/** One entry per database: the last expert's list (a profile links one expert). */
const bases = new WeakMap<WorkstationDb, BaseEntry>();

/** The `settings` row that keeps the last package part between sessions. */
export const STORED_BASE_KEY = 'queueBase';
/**
 * Part of the key: raised whenever QueueBase or the way loadQueueBase builds it changes, so a
 * list stored by an older build is read again rather than used.
 */
const STORED_BASE_FORMAT = 1;

interface StoredBase {
  key: string;
  columns: Columns;
}

const isStoredBase = (v: unknown): v is StoredBase =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as StoredBase).key === 'string' &&
  isColumns((v as StoredBase).columns);

/**
 * Writes the part for the next session once the page is idle: turning 50,000 items into columns
 * takes a moment the first paint should not wait for. Outside the live query's transaction (a
 * read-only one). A write that fails costs only the next session's speed.
 */
function storeBase(db: WorkstationDb, entry: BaseEntry): void {
  const write = () => {
    // A newer list replaced this one meanwhile: that one is stored instead.
    if (bases.get(db) !== entry) return;
    void Dexie.ignoreTransaction(() =>
      db.settings.put({
        key: STORED_BASE_KEY,
        value: { key: entry.key, columns: toColumns(entry.base) } satisfies StoredBase,
      }),
    ).catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(write, { timeout: 5_000 });
  else setTimeout(write, 0);
}

/**
 * The package part for a live query. Served from the entry kept for this database when the
 * expert and every package's version and import are the same; the query then reads (and is
 * woken by) `packages` alone. Without a package row nothing is kept: rows written some other
 * way (a test's fixture) have nothing to key them by.
 */
export async function liveQueueBase(
  db: WorkstationDb,
  expertId: string,
): Promise<readonly QueueBase[]> {
  return db.transaction('r', [db.packages, db.settings, ...queueBaseTables], async () => {
    const packages = await db.packages.toArray();
    const key = [
      `format ${STORED_BASE_FORMAT}`,
      expertId,
      ...packages
        .map((p) => `${p.packageId}\u0000${p.version}\u0000${p.envelopeHash}\u0000${p.importedAt}`)
        .sort(),
    ].join('\u0001');
    const kept = bases.get(db);
    if (packages.length > 0 && kept?.key === key) return kept.base;
    if (packages.length === 0) {
      bases.delete(db);
      return loadQueueBase(db, expertId);
    }
    const stored = (await db.settings.get(STORED_BASE_KEY))?.value;
    if (isStoredBase(stored) && stored.key === key) {
      const base = fromColumns<QueueBase>(stored.columns);
      bases.set(db, { key, base });
      return base;
    }
    const entry = { key, base: await loadQueueBase(db, expertId) };
    bases.set(db, entry);
    storeBase(db, entry);
    return entry.base;
  });
}

/** Joins each new pair of parts with the list it made last (see combineQueue). */
export function queueCombiner(): (
  base: readonly QueueBase[],
  own: QueueOwn,
) => readonly QueueItem[] {
  let last: readonly QueueItem[] | undefined;
  return (base, own) => (last = combineQueue(base, own, last));
}

/** The expert's queue for this profile, live; undefined until both parts are read. */
export function useQueue(
  db: WorkstationDb,
  profileId: string,
  expertId: string,
): { items: readonly QueueItem[]; base: readonly QueueBase[] } | undefined {
  const base = useLiveQuery(() => liveQueueBase(db, expertId), [db, expertId]);
  const own = useLiveQuery(() => loadQueueOwn(db, profileId), [db, profileId]);
  // Unchanged items keep their identity (queueIndex.ts then re-indexes only the changed ones).
  // A repeated render (StrictMode) passes the same parts and gets the same list back.
  const [combine] = useState(queueCombiner);
  return useMemo(
    () =>
      base && own && own.profileId === profileId ? { items: combine(base, own), base } : undefined,
    [base, own, profileId, combine],
  );
}
