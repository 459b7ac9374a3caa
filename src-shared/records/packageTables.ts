/**
 * The record arrays and the file list of a work package, by name, in the order they are handed
 * over and written: classes before trainees (a trainee's row is built with the classes that list
 * it). Main pages a verified package by them and the workstation keeps one table of each. No zod
 * here, so the page can name its tables before the schemas are loaded.
 */
export const packageTables = [
  'organizers',
  'classes',
  'sessions',
  'lecturers',
  'trainees',
  'submissions',
  'experts',
  'panels',
  'assignments',
  'rubrics',
  'certificateNumbers',
  'files',
] as const;
