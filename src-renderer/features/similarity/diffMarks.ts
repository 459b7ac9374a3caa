// Which characters of two matched passages differ, so the few words a copier changed stand
// out: the classic longest-common-subsequence table (Wagner–Fischer style dynamic programming),
// bounded so a very long passage is shown without marks rather than stalling the page.

export const MAX_DIFF_CHARS = 3000;

export interface Segment {
  text: string;
  changed: boolean;
}

function segments(text: string, keep: Uint8Array): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const changed = keep[i] === 0;
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += text[i];
    else out.push({ text: text[i]!, changed });
  }
  return out;
}

/** Each side cut into runs of characters common to both (in order) and characters changed. */
export function diffMarks(a: string, b: string): { a: Segment[]; b: Segment[] } {
  if (a.length > MAX_DIFF_CHARS || b.length > MAX_DIFF_CHARS || a === b) {
    return { a: [{ text: a, changed: false }], b: [{ text: b, changed: false }] };
  }
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const keepA = new Uint8Array(n);
  const keepB = new Uint8Array(m);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      keepA[i++] = 1;
      keepB[j++] = 1;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) i++;
    else j++;
  }
  return { a: segments(a, keepA), b: segments(b, keepB) };
}
