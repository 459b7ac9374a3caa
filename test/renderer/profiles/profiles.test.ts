import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  createProfile,
  currentProfile,
  selectProfile,
} from '../../../src-renderer/features/profiles/profiles';
import { screensFor } from '../../../src-shared/profiles/roles';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`profiles-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('local profiles', () => {
  it('creates a profile and makes it the current one', async () => {
    const result = await createProfile(db, { name: ' 王建华 ', role: 'chair', district: '海淀区' });
    expect(result.ok).toBe(true);
    expect(await currentProfile(db)).toMatchObject({ name: '王建华', role: 'chair' });
  });

  it('stores the demo flag only for a profile created as a demo profile', async () => {
    await createProfile(db, { name: '演示员', role: 'printer', district: '', demo: true });
    expect(await currentProfile(db)).toMatchObject({ name: '演示员', demo: true });
    await createProfile(db, { name: '正式员', role: 'printer', district: '' });
    expect((await currentProfile(db))?.demo).toBeUndefined();
  });

  it('refuses an empty name with a Chinese message on the name field and stores nothing', async () => {
    const result = await createProfile(db, { name: '   ', role: 'expert', district: '' });
    expect(result).toEqual({ ok: false, field: 'name', message: '请填写姓名' });
    expect(await db.profiles.count()).toBe(0);
  });

  it('forgets the current profile on sign-out but keeps the profile', async () => {
    await createProfile(db, { name: '李', role: 'auditor', district: '' });
    await selectProfile(db, null);
    expect(await currentProfile(db)).toBeNull();
    expect(await db.profiles.count()).toBe(1);
  });
});

describe('role navigation', () => {
  it.each([
    ['expert', ['review', 'sync', 'settings']],
    ['chair', ['review', 'panel', 'sync', 'settings']],
    ['auditor', ['audit', 'compliance', 'sync', 'settings']],
    ['printer', ['certificates', 'sync', 'settings']],
  ] as const)('gives a %s the screens %j', (role, screens) => {
    expect(screensFor(role)).toEqual(screens);
  });
});
