// Passage text as pdf.js gives it, made readable.
const CJK = '[\\u3000-\\u9fff\\uff00-\\uffef]';
const WRAP_BETWEEN_CJK = new RegExp(`(?<=${CJK})\\s*\\n\\s*(?=${CJK})`, 'gu');

/** PDF line wraps are not the author's: Chinese joins without a space, anything else with one. */
export function unwrapLines(text: string): string {
  return text.replace(WRAP_BETWEEN_CJK, '').replace(/\s*\n\s*/g, ' ');
}
