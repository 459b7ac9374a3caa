// The four kinds of people who use a workstation, and which screens each one works in. Plain
// data and types only: the profile picker (the first screen) imports this, and the schemas that
// check a profile live in profileSchema.ts so that zod loads when a form is submitted, not before
// the picker shows.

export const roles = ['expert', 'chair', 'auditor', 'printer'] as const;
export type Role = (typeof roles)[number];

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

/** A profile row; profileSchema.ts checks one (and proves at compile time it yields this type). */
export interface Profile {
  id: string;
  name: string;
  role: Role;
  district: string;
  createdAt: string;
  /**
   * A demo profile also trusts the demo platform key shipped with the app (its private half is
   * public, in this repository); a normal profile trusts only keys pinned at enrollment.
   */
  demo?: boolean | undefined;
}
