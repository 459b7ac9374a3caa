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

/**
 * What one source character becomes: NFKC, lower case, without the dropped characters. A plan
 * uses a few thousand distinct characters over some hundred thousand places, so each is worked
 * out once per process: normalize(), toLowerCase() and the Unicode-class test per place were
 * most of the pre-check's time.
 */
const folds = new Map<string, string>();

function fold(cp: string): string {
  let kept = folds.get(cp);
  if (kept === undefined) {
    kept = '';
    for (const ch of cp.normalize('NFKC').toLowerCase()) if (!DROPPED.test(ch)) kept += ch;
    // Bounded: a hostile text of many distinct characters must not grow it without end.
    if (folds.size < 65536) folds.set(cp, kept);
  }
  return kept;
}

export function normalizeText(source: string): NormalizedText {
  let text = '';
  let origin = new Int32Array(source.length + 16);
  let n = 0;
  let i = 0;
  for (const cp of source) {
    const kept = fold(cp);
    text += kept;
    // NFKC can unfold one character into many (U+FDFA into 18): grow when it does.
    if (n + kept.length > origin.length) {
      const grown = new Int32Array(2 * origin.length + kept.length);
      grown.set(origin);
      origin = grown;
    }
    // Every UTF-16 unit kept (two for a supplementary character) points at this source place.
    for (let u = 0; u < kept.length; u++) origin[n++] = i;
    i += cp.length;
  }
  return { text, origin: origin.slice(0, n) };
}

/** Only the normalised string (for template phrases and tests). */
export function normalizedString(source: string): string {
  return normalizeText(source).text;
}
