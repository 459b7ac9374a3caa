// Files a demo profile writes say so in their name, so a demo bundle or request lying in a
// downloads folder is never mistaken for real work (the demo's keys are public).
import { isDemoProfile } from '../packages/profileKinds';

export const DEMO_FILE_PREFIX = '演示-';

export function markDemoName(fileName: string, demo: boolean): string {
  return demo && !fileName.startsWith(DEMO_FILE_PREFIX) ? DEMO_FILE_PREFIX + fileName : fileName;
}

export async function exportNameFor(
  keysDir: string,
  profileId: string,
  fileName: string,
): Promise<string> {
  return markDemoName(fileName, await isDemoProfile(keysDir, profileId));
}
