// Main's own record of which profiles are demo profiles. The flag comes from the renderer, where
// profiles live, so main cannot know it independently; what it can do is hold the renderer to
// its first word. Once a profile id has asked for trust as a normal (or demo) profile, a later
// request with the other flag is refused, so no renderer bug or injected call can turn a real
// profile into one that trusts the public demo key.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../../common/atomicFile';
import { serialQueue } from '../../common/serialQueue';
import type { Failure } from '../../../src-shared/failure';

export const PROFILE_KINDS_FILE = 'profile-kinds.json';

const kindsSchema = z.record(z.string(), z.enum(['demo', 'normal']));

export type PinResult = { ok: true } | Failure;

const label = (demo: boolean) => (demo ? '演示' : '正式');

// One writer at a time, or two first requests could both see "unknown" and race.
const serial = serialQueue();

export function pinProfileKind(
  keysDir: string,
  profileId: string,
  demo: boolean,
): Promise<PinResult> {
  return serial(() => pin(keysDir, profileId, demo));
}

async function pin(keysDir: string, profileId: string, demo: boolean): Promise<PinResult> {
  const file = path.join(keysDir, PROFILE_KINDS_FILE);
  let kinds: z.infer<typeof kindsSchema>;
  try {
    const parsed = kindsSchema.safeParse((await readJsonFile(file)) ?? {});
    if (!parsed.success) throw new Error('unexpected content');
    kinds = parsed.data;
  } catch (e) {
    return {
      ok: false,
      code: 'profile-kinds-unreadable',
      message: `无法读取用户类型记录 ${file}：${(e as Error).message}。为安全起见，暂不导入工作包`,
    };
  }
  const wanted = demo ? 'demo' : 'normal';
  const known = kinds[profileId];
  if (known === wanted) return { ok: true };
  if (known !== undefined)
    return {
      ok: false,
      code: 'profile-kind-changed',
      message: `用户 ${profileId} 在本机是${label(known === 'demo')}用户，不能改作${label(demo)}用户使用；如需体验演示数据，请新建一个演示用户`,
    };
  await writeFileAtomic(file, JSON.stringify({ ...kinds, [profileId]: wanted }, null, 2));
  return { ok: true };
}

/** Drops a deleted profile's entry (its id is a random UUID and will not come back). */
export function forgetProfileKind(keysDir: string, profileId: string): Promise<void> {
  return serial(async () => {
    const file = path.join(keysDir, PROFILE_KINDS_FILE);
    const parsed = kindsSchema.safeParse((await readJsonFile(file)) ?? {});
    if (!parsed.success || !(profileId in parsed.data)) return;
    const { [profileId]: _dropped, ...rest } = parsed.data;
    await writeFileAtomic(file, JSON.stringify(rest, null, 2));
  });
}

/** Whether main knows the profile as a demo profile (for marking exported file names). */
export async function isDemoProfile(keysDir: string, profileId: string): Promise<boolean> {
  try {
    const parsed = kindsSchema.safeParse(
      (await readJsonFile(path.join(keysDir, PROFILE_KINDS_FILE))) ?? {},
    );
    return parsed.success && parsed.data[profileId] === 'demo';
  } catch {
    return false;
  }
}
