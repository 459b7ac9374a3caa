// The profile directory: the one small database every start opens before anyone is unlocked.
// It holds only what the picker must show (name, role, district, demo flag) and workstation
// settings (which profile was last in use, the idle lock time); everything a person works on
// lives in that person's own database (profileDb.ts). Kept in the renderer, next to the
// profile databases it names, because the picker must list profiles before main unlocks
// anything; main keeps its own authoritative record of which profiles are demo profiles
// (services/packages/profileKinds.ts), so a tampered directory cannot make a real profile
// trust the demo key.
import Dexie, { type Table } from 'dexie';
import type { ProfileRow, SettingRow } from './types';

// Dexie turns its debug mode on by itself on an http://localhost or http://127.0.0.1 page (a
// console task and long stacks for every table call): that is the browser harness's origin,
// never the app's (app://qihang). Off outside development, so the harness and the benchmarks run
// the database as the app does.
if (!import.meta.env.DEV) Dexie.debug = false;

export const DIRECTORY_DB_NAME = 'qihang-directory';

/** Schema history of the directory; like schema.ts, versions only ever get added. */
export const directoryVersions: { version: number; stores: Record<string, string | null> }[] = [
  { version: 1, stores: { profiles: 'id, role, name', settings: 'key' } },
];

export class DirectoryDb extends Dexie {
  profiles!: Table<ProfileRow, string>;
  settings!: Table<SettingRow, string>;

  constructor(name: string = DIRECTORY_DB_NAME) {
    super(name);
    for (const v of directoryVersions) this.version(v.version).stores(v.stores);
  }
}

export const CURRENT_PROFILE_KEY = 'currentProfileId';
export const IDLE_LOCK_KEY = 'idleLockMinutes';
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export async function idleLockMinutes(dir: DirectoryDb): Promise<number> {
  const row = await dir.settings.get(IDLE_LOCK_KEY);
  return typeof row?.value === 'number' && row.value >= 1 ? row.value : DEFAULT_IDLE_LOCK_MINUTES;
}
