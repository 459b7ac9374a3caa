// Text that came from a package, a bundle or a file name may carry characters a reader cannot
// see: control characters (a NUL, an escape sequence that recolours a terminal) and bidi
// controls (U+202E turns "fdp.exe" into "exe.pdf" on screen). Wherever such text is quoted
// back to a person — an error message, the verify CLI, a name on screen, a sheet cell — each of
// those characters is spelled out, so what is shown is what is there.

// C0 and C1 controls, DEL, the bidi embeddings/overrides/isolates and marks, zero-width
// characters, line/paragraph separators, the BOM, the two noncharacters XML cannot hold and
// lone surrogates (a string cut in the middle of a pair): none of them belongs in a name.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/gu;

/** 'U+202E' for a character. */
export const codeOf = (c: string): string =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

const spell = (c: string) => `[${codeOf(c)}]`;

/** For messages and the CLI: each invisible character as [U+XXXX]. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, spell);
}

/**
 * For names shown in the UI and written to sheets: each invisible character as ⟦U+XXXX⟧, a
 * bracket no keyboard types, so a marker is hard to mistake for ordinary text.
 */
export const markerOf = (code: string): string => `⟦${code}⟧`;

export function markedText(text: string): string {
  return text.replace(INVISIBLE, (c) => markerOf(codeOf(c)));
}

export type TextSegment = { kind: 'text'; text: string } | { kind: 'hidden'; code: string };

/** The text cut into runs of ordinary text and single invisible characters, in order. */
export function textSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    out.push({ kind: 'hidden', code: codeOf(m[0]) });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** The distinct invisible characters in the text, as 'U+XXXX', in order of first use. */
export function hiddenCodes(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(INVISIBLE), (m) => codeOf(m[0])))];
}

// First strong isolate … pop directional isolate: the plain-text form of <bdi>.
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Record text set into one of the app's own sentences (a catalog string, a select label, a
 * tooltip): marked, then isolated, so neither its characters nor its direction can reach the
 * words around it. Marking first matters: it removes every bidi control, so the text cannot
 * close the isolate early with a PDI of its own.
 */
export function isolated(text: string): string {
  return `${FSI}${markedText(text)}${PDI}`;
}
