// Checking a profile row and a role name. Kept apart from roles.ts (constants and types) so
// that the first screen does not load zod.
import { z } from 'zod';
import { roles, type Profile, type Role } from './roles';

export const roleSchema = z.enum(roles);

export const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 个字'),
  role: roleSchema,
  district: z.string().trim().max(40).default(''),
  createdAt: z.string(),
  demo: z.boolean().optional(),
});

// The hand-written types in roles.ts and what the schemas yield must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRole: Same<z.infer<typeof roleSchema>, Role> = true;
const sameProfile: Same<z.output<typeof profileSchema>, Profile> = true;
void sameRole;
void sameProfile;
