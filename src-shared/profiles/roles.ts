// The four kinds of people who use a workstation, and which screens each one works in.
import { z } from 'zod';

export const roles = ['expert', 'chair', 'auditor', 'printer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const screens = [
  'review',
  'panel',
  'audit',
  'compliance',
  'certificates',
  'sync',
  'settings',
] as const;
export type Screen = (typeof screens)[number];

const navigation: Record<Role, readonly Screen[]> = {
  expert: ['review', 'sync', 'settings'],
  // A chair is also a panel member and scores too.
  chair: ['review', 'panel', 'sync', 'settings'],
  auditor: ['audit', 'compliance', 'sync', 'settings'],
  printer: ['certificates', 'sync', 'settings'],
};

export function screensFor(role: Role): readonly Screen[] {
  return navigation[role];
}

export const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 个字'),
  role: roleSchema,
  district: z.string().trim().max(40).default(''),
  createdAt: z.string(),
  /**
   * A demo profile also trusts the demo platform key shipped with the app (its private half is
   * public, in this repository); a normal profile trusts only keys pinned at enrollment.
   */
  demo: z.boolean().optional(),
});
export type Profile = z.infer<typeof profileSchema>;
