// The profile directory: the one small database every start opens before anyone is unlocked.
// It holds only what the picker must show (name, role, district, demo flag) and workstation
// settings (which profile was last in use, the idle lock time); everything a person works on
// lives in that person's own database (profileDb.ts). Kept in the renderer, next to the
// profile databases it names, because the picker must list profiles before main unlocks
// anything; main keeps its own authoritative record of which profiles are demo profiles
// (services/packages/profileKinds.ts), so a tampered directory cannot make a real profile
// trust the demo key.
//
// Reached through idb (a thin promise wrapper over IndexedDB) rather than Dexie: the picker is
// the first screen, and Dexie (~95 KB, its start-up and its open) was a fifth of what that screen
// ran before it could show. Profile databases keep Dexie; they load once someone is let in. The
// database on disk is the one Dexie made: same name, stores, indexes and version.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProfileRow, SettingRow } from './types';

export const DIRECTORY_DB_NAME = 'qihang-directory';

/**
 * The IndexedDB version. Dexie stored its schema version 1 as 10 (it multiplies by ten), so
 * directories made before idb open here without an upgrade. Versions only ever get added.
 */
export const DIRECTORY_DB_VERSION = 10;

interface DirectorySchema extends DBSchema {
  profiles: { key: string; value: ProfileRow; indexes: { role: string; name: string } };
  settings: { key: string; value: SettingRow };
}

export const CURRENT_PROFILE_KEY = 'currentProfileId';
export const IDLE_LOCK_KEY = 'idleLockMinutes';
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export class DirectoryDb {
  readonly name: string;
  private db: IDBPDatabase<DirectorySchema> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(name: string = DIRECTORY_DB_NAME) {
    this.name = name;
  }

  async open(): Promise<void> {
    if (this.db) return;
    this.db = await openDB<DirectorySchema>(this.name, DIRECTORY_DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 10) {
          const profiles = db.createObjectStore('profiles', { keyPath: 'id' });
          profiles.createIndex('role', 'role');
          profiles.createIndex('name', 'name');
          db.createObjectStore('settings', { keyPath: 'key' });
        }
      },
      // Another window (or a test) deleting or upgrading the directory: let it, this handle is
      // done; the next call says so instead of hanging the other side.
      blocking: () => this.close(),
    });
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private get handle(): IDBPDatabase<DirectorySchema> {
    if (!this.db) throw new Error(`用户目录数据库 ${this.name} 未打开`);
    return this.db;
  }

  /** Called after every change made through this directory (the picker's list, the idle lock). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Every profile, by name. */
  async listProfiles(): Promise<ProfileRow[]> {
    return this.handle.getAllFromIndex('profiles', 'name');
  }

  /**
   * What the picker's first frame needs, read in one transaction (every request is a round trip
   * to the browser process, slow while it is still starting): everyone by name, and the profile
   * last in use if it is still there.
   */
  async readStart(): Promise<{ profiles: ProfileRow[]; current: ProfileRow | null }> {
    const tx = this.handle.transaction(['profiles', 'settings']);
    const [profiles, setting] = await Promise.all([
      tx.objectStore('profiles').index('name').getAll(),
      tx.objectStore('settings').get(CURRENT_PROFILE_KEY),
      tx.done,
    ]);
    const id = setting?.value;
    return { profiles, current: profiles.find((p) => p.id === id) ?? null };
  }

  async getSetting(key: string): Promise<unknown> {
    return (await this.handle.get('settings', key))?.value;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await this.handle.put('settings', { key, value });
    this.changed();
  }

  async deleteSetting(key: string): Promise<void> {
    await this.handle.delete('settings', key);
    this.changed();
  }

  /** Adds the profile and makes it the current one, both or neither. */
  async addCurrentProfile(profile: ProfileRow): Promise<void> {
    const tx = this.handle.transaction(['profiles', 'settings'], 'readwrite');
    // add, not put: an id already present fails the transaction (ConstraintError).
    await Promise.all([
      tx.objectStore('profiles').add(profile),
      tx.objectStore('settings').put({ key: CURRENT_PROFILE_KEY, value: profile.id }),
      tx.done,
    ]);
    this.changed();
  }

  /** Removes the profile; if it was the current one, no profile is current any more. */
  async removeProfile(profileId: string): Promise<void> {
    const tx = this.handle.transaction(['profiles', 'settings'], 'readwrite');
    const settings = tx.objectStore('settings');
    const current = await settings.get(CURRENT_PROFILE_KEY);
    await Promise.all([
      tx.objectStore('profiles').delete(profileId),
      current?.value === profileId ? settings.delete(CURRENT_PROFILE_KEY) : null,
      tx.done,
    ]);
    this.changed();
  }
}

export async function idleLockMinutes(dir: DirectoryDb): Promise<number> {
  const value = await dir.getSetting(IDLE_LOCK_KEY);
  return typeof value === 'number' && value >= 1 ? value : DEFAULT_IDLE_LOCK_MINUTES;
}
