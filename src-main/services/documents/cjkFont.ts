// The certificate font: Noto Serif SC (SIL Open Font License), resolved from its npm package
// (a runtime dependency; the licence, LICENSE_FONT, sits beside it) so the 15 MB file is not
// committed. Coverage is answered by fontkit's cmap lookup; subsets are made by HarfBuzz
// (subset-font) because @pdf-lib/fontkit's own subsetter corrupts this font's glyph data.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import subsetFont from 'subset-font';

export const FONT_IDS = ['noto-serif-sc'] as const;

// pdf-lib draws glyph by glyph (no shaping, horizontal only): layout tables are dead weight.
const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'vhea', 'vmtx', 'VORG', 'DSIG'];

export interface CjkFont {
  id: string;
  file: string;
  bytes: Uint8Array;
  has(codePoint: number): boolean;
}

export function notoSerifScFile(): string {
  const require = createRequire(__filename);
  const pkg = require.resolve('@expo-google-fonts/noto-serif-sc/package.json');
  return path.join(path.dirname(pkg), '400Regular', 'NotoSerifSC_400Regular.ttf');
}

const loaded = new Map<string, Promise<CjkFont>>();

/** Reads and parses a font file once per process. */
export function loadFont(id: string, file: string = notoSerifScFile()): Promise<CjkFont> {
  const key = `${id}|${file}`;
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const bytes = new Uint8Array(await readFile(file));
      const font = fontkit.create(bytes);
      return { id, file, bytes, has: (cp: number) => font.hasGlyphForCodePoint(cp) };
    })();
    loaded.set(key, p);
    // A failed read must not be cached: the next batch should try again.
    p.catch(() => loaded.delete(key));
  }
  return p;
}

/** A TrueType subset holding exactly these characters (plus the space). */
export async function subsetFor(font: CjkFont, chars: string): Promise<Uint8Array> {
  const text = [...new Set([...chars, ' '])].join('');
  return new Uint8Array(
    await subsetFont(Buffer.from(font.bytes), text, {
      targetFormat: 'truetype',
      noHinting: true,
      dropTables: LAYOUT_TABLES,
    }),
  );
}
