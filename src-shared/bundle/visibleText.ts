// Text that came from a package, a bundle or a file name may carry characters a reader cannot
// see: control characters (a NUL, an escape sequence that recolours a terminal) and bidi
// controls (U+202E turns "fdp.exe" into "exe.pdf" on screen). Wherever such text is quoted
// back to a person — an error message, the verify CLI — it is shown with each of those
// characters spelled out as [U+XXXX], so what is printed is what is there.

// C0 and C1 controls, DEL, the bidi embeddings/overrides/isolates and marks, zero-width
// characters, line/paragraph separators and the BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

const spell = (c: string) =>
  `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, spell);
}
