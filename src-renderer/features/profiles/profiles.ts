// Local profiles live in IndexedDB; the one in use is a setting so a reload keeps it.
import { profileSchema, type Profile, type Role } from '../../../src-shared/profiles/roles';
import type { WorkstationDb } from '../../db/db';

export const CURRENT_PROFILE_KEY = 'currentProfileId';

export type CreateProfileResult =
  { ok: true; profile: Profile } | { ok: false; field: string; message: string };

export async function createProfile(
  db: WorkstationDb,
  input: { name: string; role: Role; district: string; demo?: boolean },
  now: () => Date = () => new Date(),
): Promise<CreateProfileResult> {
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
  const profile = parsed.data;
  await db.transaction('rw', db.profiles, db.settings, async () => {
    await db.profiles.add(profile);
    await db.settings.put({ key: CURRENT_PROFILE_KEY, value: profile.id });
  });
  return { ok: true, profile };
}

export async function selectProfile(db: WorkstationDb, profileId: string | null): Promise<void> {
  if (profileId === null) await db.settings.delete(CURRENT_PROFILE_KEY);
  else await db.settings.put({ key: CURRENT_PROFILE_KEY, value: profileId });
}

export async function currentProfile(db: WorkstationDb): Promise<Profile | null> {
  const setting = await db.settings.get(CURRENT_PROFILE_KEY);
  if (typeof setting?.value !== 'string') return null;
  return (await db.profiles.get(setting.value)) ?? null;
}
