// The queue as the screen watches it: two live queries instead of one. Dexie re-runs a live
// query when a table range it read changes; one query over every table re-read and rebuilt all
// 50,000 items after each autosave. The package part is watched over the package tables and
// kept per database, keyed by the expert and the packages in store (an import changes the
// `packages` row in the same transaction as the rows), so coming back to the screen costs one
// read of `packages`; the profile's own part is watched over its own ranges. Each new pair is
// joined with the list before it (combineQueue), keeping the items that did not change.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { WorkstationDb } from '../../db/db';
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
  return db.transaction('r', [db.packages, ...queueBaseTables], async () => {
    const packages = await db.packages.toArray();
    const key = [
      expertId,
      ...packages
        .map((p) => `${p.packageId}\u0000${p.version}\u0000${p.envelopeHash}\u0000${p.importedAt}`)
        .sort(),
    ].join('\u0001');
    const kept = bases.get(db);
    if (packages.length > 0 && kept?.key === key) return kept.base;
    const base = await loadQueueBase(db, expertId);
    if (packages.length > 0) bases.set(db, { key, base });
    else bases.delete(db);
    return base;
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
