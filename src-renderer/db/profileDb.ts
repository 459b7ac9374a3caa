// One IndexedDB database per profile. Its name is derived from the profile id (a UUID, or a
// recordId-shaped id), so no query made through one profile's database can reach another's
// rows: IndexedDB has no cross-database query at all. Opened only after the profile is
// unlocked, closed when it locks; every migration in schema.ts runs per database on open.
import Dexie from 'dexie';
import { WorkstationDb } from './db';

const PREFIX = 'qihang-profile-';

export function profileDbName(profileId: string): string {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(profileId)) {
    throw new Error(`用户档案编号 ${profileId} 不合规`);
  }
  return PREFIX + profileId;
}

/** Opens (creating or upgrading) the profile's database. The caller closes it on lock. */
export async function openProfileDb(profileId: string): Promise<WorkstationDb> {
  const db = new WorkstationDb(profileDbName(profileId));
  await db.open();
  return db;
}

/** Removes the profile's database and everything in it (drafts, reviews, audit log). */
export async function deleteProfileDb(profileId: string): Promise<void> {
  await Dexie.delete(profileDbName(profileId));
}
