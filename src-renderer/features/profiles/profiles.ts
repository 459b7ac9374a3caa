// The profile directory's rows: who uses this workstation. Creating, choosing and deleting a
// profile here touches only the directory; opening one (its database, its unlock) is
// session.ts.
import type { Profile, Role } from '../../../src-shared/profiles/roles';
import { CURRENT_PROFILE_KEY, type DirectoryDb } from '../../db/directory';

export type FieldError = { ok: false; field: string; message: string };
export type CreateProfileResult = { ok: true; profile: Profile } | FieldError;

/** Checks the form and builds the row; stores nothing. The schema (and zod) loads on first use. */
export async function newProfile(
  input: { name: string; role: Role; district: string; demo?: boolean },
  now: () => Date = () => new Date(),
): Promise<CreateProfileResult> {
  const { profileSchema } = await import('../../../src-shared/profiles/profileSchema');
  const parsed = profileSchema.safeParse({
    ...input,
    id: crypto.randomUUID(),
    createdAt: now().toISOString(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      field: String(issue?.path[0] ?? 'name'),
      message: issue?.message ?? '输入不正确',
    };
  }
  return { ok: true, profile: parsed.data };
}

/** Adds the profile to the directory and makes it the current one. */
export async function addProfile(dir: DirectoryDb, profile: Profile): Promise<void> {
  await dir.transaction('rw', dir.profiles, dir.settings, async () => {
    await dir.profiles.add(profile);
    await dir.settings.put({ key: CURRENT_PROFILE_KEY, value: profile.id });
  });
}

export async function selectProfile(dir: DirectoryDb, profileId: string | null): Promise<void> {
  if (profileId === null) await dir.settings.delete(CURRENT_PROFILE_KEY);
  else await dir.settings.put({ key: CURRENT_PROFILE_KEY, value: profileId });
}

export async function currentProfile(dir: DirectoryDb): Promise<Profile | null> {
  const setting = await dir.settings.get(CURRENT_PROFILE_KEY);
  if (typeof setting?.value !== 'string') return null;
  return (await dir.profiles.get(setting.value)) ?? null;
}

export async function forgetProfile(dir: DirectoryDb, profileId: string): Promise<void> {
  await dir.transaction('rw', dir.profiles, dir.settings, async () => {
    await dir.profiles.delete(profileId);
    const current = await dir.settings.get(CURRENT_PROFILE_KEY);
    if (current?.value === profileId) await dir.settings.delete(CURRENT_PROFILE_KEY);
  });
}
