// Opening and closing a person's space, with `api` and the directory passed in so the whole
// flow runs in Node tests. Opening = main unlocks the profile (its key's passphrase), then its
// own database is opened; a demo profile gets the demo package loaded into that database the
// first time. Closing = the database is closed and main locks the profile. Nothing here throws
// for a person's mistake: every refusal is a field error with a Chinese message.
import type { QihangApi } from '../../../src-shared/ipc/contract';
import type { Profile, Role } from '../../../src-shared/profiles/roles';
import type { WorkstationDb } from '../../db/db';
import type { DirectoryDb } from '../../db/directory';
import type { LegacyOutcome } from '../../db/legacyMigration';
import { newProfile, selectProfile, type FieldError } from './profiles';

export type SessionApi = Pick<QihangApi, 'profiles' | 'keys' | 'packages'>;

export interface SessionDeps {
  api: SessionApi;
  dir: DirectoryDb;
  /** Tests may open databases under other names; the app uses openProfileDb. */
  open?: (profileId: string) => Promise<WorkstationDb>;
}

export type Opened = {
  ok: true;
  profile: Profile;
  db: WorkstationDb;
  /** What became of a pre-profile install's shared database on this open (see db/legacyMigration.ts). */
  legacy?: LegacyOutcome;
};

const fieldError = (field: string, message: string): FieldError => ({ ok: false, field, message });

/** Whether opening the profile asks for a passphrase: exactly when it has a signing key. */
export async function needsPassphrase(
  api: SessionApi,
  profileId: string,
): Promise<boolean | FieldError> {
  const status = await api.keys.status({ profileId });
  if (!status.ok) return fieldError('profile', status.error.message);
  return status.value.key !== null;
}

async function loadDemoInto(api: SessionApi, db: WorkstationDb, profile: Profile) {
  if ((await db.packages.count()) > 0) return null;
  const demo = await api.packages.loadDemo({
    importer: { profileId: profile.id, demo: profile.demo === true },
  });
  if (!demo.ok) return fieldError('profile', demo.error.message);
  // Loaded on use, as the migration below: the picker shows without the import's code.
  const { importVerifiedPackage } = await import('../../db/importPackage');
  const outcome = await importVerifiedPackage(db, demo.value);
  return outcome.kind === 'refused' ? fieldError('profile', outcome.message) : null;
}

/** Unlocks (when the profile has a key) and opens the profile's database. */
export async function openSession(
  deps: SessionDeps,
  profile: Profile,
  passphrase?: string,
): Promise<Opened | FieldError> {
  const { api, dir } = deps;
  if (passphrase !== undefined) {
    const unlocked = await api.profiles.unlock({ profileId: profile.id, passphrase });
    if (!unlocked.ok) return fieldError('passphrase', unlocked.error.message);
  } else {
    const needs = await needsPassphrase(api, profile.id);
    if (typeof needs !== 'boolean') return needs;
    if (needs) return fieldError('passphrase', '请输入口令解锁该用户');
  }
  // Loaded on use: Dexie and the profile schema are not needed before someone is let in.
  const db = await (deps.open ?? (await import('../../db/profileDb')).openProfileDb)(profile.id);
  if (profile.demo) {
    const failed = await loadDemoInto(api, db, profile);
    if (failed) {
      db.close();
      return failed;
    }
  }
  // A pre-profile install's local work goes to the first normal profile opened after the
  // upgrade; a failure changes nothing and is reported, the profile still opens.
  const legacy = profile.demo
    ? undefined
    : await (await import('../../db/legacyMigration')).migrateLegacyInto(db, profile);
  await selectProfile(dir, profile.id);
  return { ok: true, profile, db, ...(legacy && legacy.kind !== 'none' ? { legacy } : {}) };
}

/** Locks: the database closes (every query on it now fails) and main refuses key operations. */
export async function closeSession(api: SessionApi, opened: Opened): Promise<void> {
  opened.db.close();
  await api.profiles.lock({ profileId: opened.profile.id });
}

/**
 * A normal profile: its signing key is created with the passphrase first (main keeps it sealed),
 * and only then is the profile added, so no profile exists that nobody could unlock.
 */
export async function createNormalProfile(
  deps: SessionDeps,
  input: { name: string; role: Role; district: string },
  passphrase: string,
): Promise<Opened | FieldError> {
  const built = await newProfile(input);
  if (!built.ok) return built;
  const key = await deps.api.keys.create({ profileId: built.profile.id, passphrase });
  if (!key.ok) return fieldError('passphrase', key.error.message);
  await deps.dir.addCurrentProfile(built.profile);
  return openSession(deps, built.profile, passphrase);
}

/** 体验演示: a demo profile for the role, holding the demo package in its own database. */
export async function createDemoProfile(
  deps: SessionDeps,
  role: Role,
  name: string,
): Promise<Opened | FieldError> {
  const built = await newProfile({ name, role, district: '', demo: true });
  if (!built.ok) return built;
  await deps.dir.addCurrentProfile(built.profile);
  return openSession(deps, built.profile);
}

/** Deletes the profile everywhere: key material in main first, then its database, then the row. */
export async function deleteProfile(
  deps: SessionDeps,
  profile: Profile,
  passphrase?: string,
): Promise<{ ok: true } | FieldError> {
  const removed = await deps.api.profiles.remove({
    profileId: profile.id,
    ...(passphrase !== undefined ? { passphrase } : {}),
  });
  if (!removed.ok) return fieldError('passphrase', removed.error.message);
  await (await import('../../db/profileDb')).deleteProfileDb(profile.id);
  await deps.dir.removeProfile(profile.id);
  return { ok: true };
}
