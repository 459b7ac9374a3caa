// The directory moved from Dexie to idb; the database on disk is the one Dexie made, so a
// workstation's existing directory must open and read the same, and a new one must look to
// Dexie exactly like one Dexie made.
import Dexie from 'dexie';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CURRENT_PROFILE_KEY,
  DirectoryDb,
  idleLockMinutes,
  IDLE_LOCK_KEY,
} from '../../../src-renderer/db/directory';
import type { Profile } from '../../../src-shared/profiles/roles';

let n = 0;
const names: string[] = [];
const fresh = () => {
  const name = `directory-idb-${++n}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDB(name);
});

const profile = (id: string, name: string): Profile => ({
  id,
  name,
  role: 'expert',
  district: '',
  createdAt: '2026-12-04T08:00:00.000Z',
});

/** The directory as the last Dexie release of it declared it (schema version 1). */
function dexieDirectory(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({ profiles: 'id, role, name', settings: 'key' });
  return db;
}

function shape(db: IDBDatabase) {
  return [...db.objectStoreNames].map((store) => {
    const s = db.transaction(store).objectStore(store);
    return {
      store,
      keyPath: s.keyPath,
      indexes: [...s.indexNames].map((i) => [i, s.index(i).keyPath, s.index(i).unique]),
    };
  });
}

describe('the profile directory on idb', () => {
  it('opens a directory Dexie made and reads its profiles and settings', async () => {
    const name = fresh();
    const old = dexieDirectory(name);
    await old.table('profiles').bulkAdd([profile('b', '乙'), profile('a', '甲')]);
    await old.table('settings').put({ key: CURRENT_PROFILE_KEY, value: 'b' });
    await old.table('settings').put({ key: IDLE_LOCK_KEY, value: 30 });
    old.close();

    const dir = new DirectoryDb(name);
    await dir.open();
    expect(await dir.getSetting(CURRENT_PROFILE_KEY)).toBe('b');
    expect((await dir.listProfiles()).find((p) => p.id === 'b')?.name).toBe('乙');
    expect(await idleLockMinutes(dir)).toBe(30);
    expect(await dir.listProfiles()).toHaveLength(2);
    dir.close();
  });

  it('makes a new directory that Dexie sees as its own (same version, stores and indexes)', async () => {
    const made = fresh();
    const dir = new DirectoryDb(made);
    await dir.open();
    dir.close();
    const byDexie = fresh();
    const old = dexieDirectory(byDexie);
    await old.open();
    const expected = shape(old.backendDB());
    const expectedVersion = old.backendDB().version;
    old.close();

    const again = dexieDirectory(made);
    await again.open();
    expect(again.backendDB().version).toBe(expectedVersion);
    expect(shape(again.backendDB())).toEqual(expected);
    again.close();
  });

  it('lists profiles by name and tells subscribers about every change', async () => {
    const dir = new DirectoryDb(fresh());
    await dir.open();
    let changes = 0;
    const stop = dir.subscribe(() => changes++);
    await dir.addCurrentProfile(profile('p2', '王'));
    await dir.addCurrentProfile(profile('p1', '李'));
    expect((await dir.listProfiles()).map((p) => p.id)).toEqual(
      [profile('p2', '王'), profile('p1', '李')]
        .sort((x, y) => (x.name < y.name ? -1 : 1))
        .map((p) => p.id),
    );
    await dir.putSetting(IDLE_LOCK_KEY, 5);
    await dir.removeProfile('p1');
    expect(changes).toBe(4);
    stop();
    await dir.deleteSetting(IDLE_LOCK_KEY);
    expect(changes).toBe(4);
    dir.close();
  });

  it('reads what the first screen needs at once: everyone by name and who was last in use', async () => {
    const dir = new DirectoryDb(fresh());
    await dir.open();
    expect(await dir.readStart()).toEqual({ profiles: [], current: null });
    await dir.addCurrentProfile(profile('p2', '王'));
    await dir.addCurrentProfile(profile('p1', '李'));
    const start = await dir.readStart();
    expect(start.profiles).toEqual(await dir.listProfiles());
    expect(start.current?.id).toBe('p1');
    // A current id naming no profile (removed elsewhere, or a damaged row) is nobody.
    await dir.putSetting(CURRENT_PROFILE_KEY, 'gone');
    expect((await dir.readStart()).current).toBeNull();
    await dir.putSetting(CURRENT_PROFILE_KEY, 42);
    expect((await dir.readStart()).current).toBeNull();
    dir.close();
  });

  it('adds a profile and makes it current both or neither: a taken id changes nothing', async () => {
    const dir = new DirectoryDb(fresh());
    await dir.open();
    await dir.addCurrentProfile(profile('p1', '李'));
    await dir.putSetting(CURRENT_PROFILE_KEY, 'elsewhere');
    await expect(dir.addCurrentProfile(profile('p1', '另一个李'))).rejects.toThrow();
    expect(await dir.getSetting(CURRENT_PROFILE_KEY)).toBe('elsewhere');
    expect((await dir.listProfiles()).find((p) => p.id === 'p1')?.name).toBe('李');
    dir.close();
  });

  it('keeps the current profile when another one is removed, and clears it when it is', async () => {
    const dir = new DirectoryDb(fresh());
    await dir.open();
    await dir.addCurrentProfile(profile('p1', '李'));
    await dir.addCurrentProfile(profile('p2', '王'));
    await dir.removeProfile('p1');
    expect(await dir.getSetting(CURRENT_PROFILE_KEY)).toBe('p2');
    await dir.removeProfile('p2');
    expect(await dir.getSetting(CURRENT_PROFILE_KEY)).toBeUndefined();
    expect(await dir.listProfiles()).toHaveLength(0);
    dir.close();
  });

  it('says which database is not open instead of failing somewhere inside IndexedDB', async () => {
    const dir = new DirectoryDb(fresh());
    await expect(dir.listProfiles()).rejects.toThrow(/用户目录数据库 directory-idb-\d+ 未打开/);
  });
});
