// What a district clerk must not meet on a screen: English words, UUIDs and the platform's
// internal ids. Pure, so the rule is tested by itself (test/shared/textScan.test.ts) and the
// e2e only hands it the text the page rendered.

/**
 * Latin words a person may meet, each with the reason it stays. Keep it short: a word not here
 * is either translated or moved behind 详情.
 */
export const ALLOWED_WORDS: Record<string, string> = {
  // File formats the person picks, saves or opens by that name in their file manager.
  PDF: 'file format',
  XLSX: 'file format',
  DOCX: 'file format',
  CSV: 'file format',
  ZIP: 'file format',
  JSON: 'file format',
  PNG: 'file format',
  WebM: 'video file format (the media drive holds .webm files)',
  qhpkg: 'the work package file extension the person looks for',
  qhres: 'the result bundle file extension the person looks for',
  // The signature format the platform's documents name; support compares it.
  DSSE: 'the signature format named in the key panel',
  // The platform address the person types must start with this.
  https: 'the platform address must start with https://',
  // Printed on the keys themselves, in the keyboard hints.
  Ctrl: 'a key name, as printed on the keyboard',
  Enter: 'a key name, as printed on the keyboard',
};

export interface TextHit {
  kind: 'english' | 'uuid' | 'internal-id' | 'rule-id';
  text: string;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
// The work package's record ids: organizers, lecturers, submissions, experts, panels,
// assignments, rubrics, files, course packages. People see names for all of these.
const INTERNAL_ID =
  /\b(?:org|lec|sub|exp|panel|asg|rub|file|full|course)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g;
// Trainee and class ids (demo T-00007, C-2025-HD-B01; test packages TRN-1-2, CLS-1): where a
// name exists it is shown instead; an id under a name two rows share is marked and left out.
const RECORD_ID = /\b(?:T|C|TRN|CLS)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g;
const NUMBER_SAID = /编号 (?:T|C|TRN|CLS)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g;
const WORD = /[A-Za-z]{4,}/g;
// The platform's certificate numbers (BJWL-2024-004100): the one identifier a printer compares
// with the sheet in hand.
const CERTIFICATE_NUMBER = /\b[A-Z]{2,8}-\d{4}-\d{6}\b/g;
const RULE_ID = /\bR(?:-[A-Z0-9]+)+/g;
// A rule id may stand small beside its Chinese title: alone on its line, or last in the
// citation after the title (“……（通知 三（一），R-SUBSIDY-BASIC）”). Inside a sentence it is
// jargon (未满足：R-PLAN-APPROVED): the sentence names the rule by its title.
const RULE_ID_ALONE = /^\s*R(?:-[A-Z0-9]+)+\s*$/;
const RULE_ID_CITED = /，R(?:-[A-Z0-9]+)+）/g;

/** Every forbidden piece of `text`, each once, in order of first appearance. */
export function scanText(text: string): TextHit[] {
  const hits: TextHit[] = [];
  const seen = new Set<string>();
  const add = (kind: TextHit['kind'], found: string) => {
    const key = `${kind}:${found}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ kind, text: found });
  };
  if (RULE_ID_ALONE.test(text)) return hits;
  let rest = text.replace(RULE_ID_CITED, '）').replace(CERTIFICATE_NUMBER, ' ');
  for (const m of rest.matchAll(UUID)) add('uuid', m[0]);
  rest = rest.replace(UUID, ' ');
  for (const m of rest.matchAll(RULE_ID)) add('rule-id', m[0]);
  rest = rest.replace(RULE_ID, ' ');
  for (const m of rest.matchAll(INTERNAL_ID)) add('internal-id', m[0]);
  rest = rest.replace(INTERNAL_ID, ' ');
  // Said as a number where nothing names it (a past class the platform sends only by number).
  rest = rest.replace(NUMBER_SAID, ' ');
  for (const m of rest.matchAll(RECORD_ID)) add('internal-id', m[0]);
  rest = rest.replace(RECORD_ID, ' ');
  for (const m of rest.matchAll(WORD)) {
    if (!Object.hasOwn(ALLOWED_WORDS, m[0])) add('english', m[0]);
  }
  return hits;
}
