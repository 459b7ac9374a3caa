// The four programs' short Chinese names: one table for the rules, the CLI and the screens. The
// policy pack's `programs[code].name` is the notice's full title (创业菁英训练营·菁英启航训练营);
// this is what a sentence or a column needs.
import type { ProgramCode } from '../records/records';

export const PROGRAM_NAMES: Readonly<Record<ProgramCode, string>> = {
  basic: '创业基础培训',
  online: '网络创业培训',
  'elite-launch': '菁英启航训练营',
  'elite-practice': '菁英实战训练营',
};
