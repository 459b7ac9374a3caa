// Text as the comparison sees it: NFKC (full-width letters and digits become half-width,
// compatibility forms unfold), lower case, and no punctuation, symbols or whitespace — so a copy
// re-punctuated, re-spaced or typed in full-width still matches. Every kept character remembers
// where it came from, so a matching passage can be shown in the original text.

/** Punctuation, symbols, separators, whitespace and control/format characters are dropped. */
const DROPPED = /[\p{P}\p{S}\p{Z}\p{C}\s]/u;

export interface NormalizedText {
  /** The normalised characters (UTF-16). */
  text: string;
  /** For each UTF-16 unit of `text`, the index in the source string it came from. */
  origin: Int32Array;
}

export function normalizeText(source: string): NormalizedText {
  const out: string[] = [];
  const origin: number[] = [];
  let i = 0;
  for (const cp of source) {
    const folded = cp.normalize('NFKC').toLowerCase();
    for (const ch of folded) {
      if (DROPPED.test(ch)) continue;
      out.push(ch);
      // A supplementary character is two UTF-16 units; both point at the same source place.
      for (let u = 0; u < ch.length; u++) origin.push(i);
    }
    i += cp.length;
  }
  return { text: out.join(''), origin: Int32Array.from(origin) };
}

/** Only the normalised string (for template phrases and tests). */
export function normalizedString(source: string): string {
  return normalizeText(source).text;
}
