// The profile directory's rows: who uses this workstation. Building a new row and choosing
// who is current touch only the directory (adding and removing rows are DirectoryDb's own,
// each one transaction); opening a profile (its database, its unlock) is session.ts.
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

export async function selectProfile(dir: DirectoryDb, profileId: string | null): Promise<void> {
  if (profileId === null) await dir.deleteSetting(CURRENT_PROFILE_KEY);
  else await dir.putSetting(CURRENT_PROFILE_KEY, profileId);
}
