import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryDb } from '../../../src-renderer/db/directory';
import { newProfile, selectProfile } from '../../../src-renderer/features/profiles/profiles';
import { screensFor } from '../../../src-shared/profiles/roles';

let dir: DirectoryDb;
let n = 0;
beforeEach(async () => {
  dir = new DirectoryDb(`directory-test-${++n}`);
  await dir.open();
});
afterEach(async () => {
  dir.close();
  await deleteDB(dir.name);
});

const currentProfile = async (d: DirectoryDb) => (await d.readStart()).current;

async function made(input: Parameters<typeof newProfile>[0]) {
  const r = await newProfile(input);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

describe('the profile directory', () => {
  it('adds a profile and makes it the current one', async () => {
    await dir.addCurrentProfile(
      await made({ name: ' 王建华 ', role: 'chair', district: '海淀区' }),
    );
    expect(await currentProfile(dir)).toMatchObject({ name: '王建华', role: 'chair' });
  });

  it('keeps the demo flag only on a profile built as a demo profile', async () => {
    expect((await made({ name: '演示员', role: 'printer', district: '', demo: true })).demo).toBe(
      true,
    );
    expect((await made({ name: '正式员', role: 'printer', district: '' })).demo).toBeUndefined();
  });

  it('refuses an empty name with a Chinese message on the name field', async () => {
    expect(await newProfile({ name: '   ', role: 'expert', district: '' })).toEqual({
      ok: false,
      field: 'name',
      message: '请填写姓名',
    });
  });

  it('forgets the current profile on sign-out but keeps the profile', async () => {
    await dir.addCurrentProfile(await made({ name: '李', role: 'auditor', district: '' }));
    await selectProfile(dir, null);
    expect(await currentProfile(dir)).toBeNull();
    expect(await dir.listProfiles()).toHaveLength(1);
  });

  it('removes a deleted profile and stops naming it as the current one', async () => {
    const p = await made({ name: '李', role: 'auditor', district: '' });
    await dir.addCurrentProfile(p);
    await dir.removeProfile(p.id);
    expect(await currentProfile(dir)).toBeNull();
    expect(await dir.listProfiles()).toHaveLength(0);
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
