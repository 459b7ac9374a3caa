// What the pages of a batch have in common, so the PDF writer draws it once. A class's
// certificates differ only in a few fields (name, ID number, certificate number, the QR code);
// the title, the labels and usually the organizer, dates and issuer are the same on every
// page. Those go into one template (a PDF form XObject) that each page draws by reference;
// a page's own content is only what differs. The split is worked out from the pages
// themselves, so a field that happens to differ (two organizers in one batch) simply stays
// on each page.
import type { DocItem, DocPage, DocText } from './certificateDoc';

/** A page's own text: `text` starts where `after` (already drawn by the template) ends. */
export interface OwnText extends DocText {
  after: string;
}

export type OwnItem = OwnText | Exclude<DocItem, DocText>;

export interface PageTemplate {
  widthMm: number;
  heightMm: number;
  /** Drawn once, shared by every page of this layout. */
  items: DocItem[];
}

export interface TemplatedPage {
  /** Index into `templates`. */
  template: number;
  items: OwnItem[];
}

export interface TemplatedDoc {
  templates: PageTemplate[];
  pages: TemplatedPage[];
}

/** Pages with the same key put the same kind of item at the same place. */
function layoutKey(page: DocPage): string {
  const parts = [page.widthMm, page.heightMm];
  const items = page.items.map((i) =>
    i.kind === 'text'
      ? ['t', i.field, i.xMm, i.yMm, i.sizePt, i.align]
      : i.kind === 'qr'
        ? ['q', i.xMm, i.yMm, i.sizeMm]
        : ['l', i.x1Mm, i.y1Mm, i.x2Mm, i.y2Mm, i.widthPt],
  );
  return JSON.stringify([parts, items]);
}

/** The longest run of characters (code points, not UTF-16 units) every text starts with. */
function commonPrefix(texts: readonly string[]): string {
  let end = texts[0]!.length;
  for (const t of texts) {
    if (end > t.length) end = t.length;
    const first = texts[0]!;
    let n = 0;
    while (n < end && first.charCodeAt(n) === t.charCodeAt(n)) n++;
    end = n;
    if (end === 0) return '';
  }
  // Never end between the two halves of a surrogate pair (𠮷 is one character).
  const last = texts[0]!.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return texts[0]!.slice(0, end);
}

function sameLine(a: DocItem, b: DocItem): boolean {
  return a.kind === 'line' && b.kind === 'line' && JSON.stringify(a) === JSON.stringify(b);
}

export function templatePages(pages: readonly DocPage[]): TemplatedDoc {
  const groups = new Map<string, number[]>();
  pages.forEach((p, i) => {
    const key = layoutKey(p);
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const templates: PageTemplate[] = [];
  const out: TemplatedPage[] = new Array<TemplatedPage>(pages.length);
  for (const members of groups.values()) {
    const first = pages[members[0]!]!;
    const shared: DocItem[] = [];
    const own: OwnItem[][] = members.map(() => []);
    first.items.forEach((item, k) => {
      const column = members.map((m) => pages[m]!.items[k]!);
      if (item.kind === 'qr') {
        // The QR code is each certificate's own signed record: never shared.
        column.forEach((c, j) => own[j]!.push(c as Exclude<DocItem, DocText>));
      } else if (item.kind === 'line') {
        if (column.every((c) => sameLine(c, item))) shared.push(item);
        else column.forEach((c, j) => own[j]!.push(c as Exclude<DocItem, DocText>));
      } else {
        const texts = column.map((c) => (c as DocText).text);
        // A centred text's position depends on all of it: it is shared whole or not at all.
        const prefix =
          item.align === 'center'
            ? texts.every((t) => t === item.text)
              ? item.text
              : ''
            : commonPrefix(texts);
        if (prefix) shared.push({ ...item, text: prefix });
        column.forEach((c, j) => {
          const rest = (c as DocText).text.slice(prefix.length);
          if (rest) own[j]!.push({ ...(c as DocText), text: rest, after: prefix });
        });
      }
    });
    const index = templates.push({
      widthMm: first.widthMm,
      heightMm: first.heightMm,
      items: shared,
    });
    members.forEach((m, j) => (out[m] = { template: index - 1, items: own[j]! }));
  }
  return { templates, pages: out };
}
