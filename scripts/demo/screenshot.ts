// A demo shop back-office screenshot (PNG) for an online portfolio: the shop's name, a few
// figures, its products and the monthly sales as bars. Painted here from the demo font's glyph
// outlines so the committed package needs no browser or image tool to rebuild, and comes out
// byte for byte the same on every machine. Demo only: it only has to look like a screenshot.
import fontkit from '@pdf-lib/fontkit';
import * as pngjs from 'pngjs';

// pngjs ships no types (src-main's pngjs.d.ts declares only what the QR reader uses): the writer.
const PNG = (
  pngjs as unknown as {
    PNG: {
      sync: {
        write(png: { width: number; height: number; data: Buffer }, opts: object): Buffer;
      };
    };
  }
).PNG;
interface PathCommand {
  command: string;
  args: number[];
}

type Rgb = readonly [number, number, number];
type Font = ReturnType<typeof fontkit.create>;

const W = 720;
const H = 440;
/** Sub-scanlines per pixel row: vertical anti-aliasing of the glyph edges. */
const SUB = 4;

class Canvas {
  readonly png = { width: W, height: H, data: Buffer.alloc(W * H * 4) };
  constructor(bg: Rgb) {
    this.rect(0, 0, W, H, bg);
  }
  blend(x: number, y: number, c: Rgb, a: number) {
    if (x < 0 || y < 0 || x >= W || y >= H || a <= 0) return;
    const i = (y * W + x) * 4;
    const d = this.png.data;
    for (let k = 0; k < 3; k++) d[i + k] = Math.round(d[i + k]! * (1 - a) + c[k]! * a);
    d[i + 3] = 255;
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb) {
    for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++)
      for (let xx = Math.max(0, x); xx < Math.min(W, x + w); xx++) this.blend(xx, yy, c, 1);
  }
  /** Fills closed polygons (non-zero winding), with partial coverage at the edges. */
  fill(polys: readonly (readonly [number, number])[][], c: Rgb) {
    let minY = H;
    let maxY = 0;
    for (const p of polys)
      for (const [, y] of p) {
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    const cover = new Map<number, Float32Array>();
    for (
      let sy = Math.floor(Math.max(0, minY) * SUB);
      sy < Math.ceil(Math.min(H, maxY) * SUB);
      sy++
    ) {
      const y = (sy + 0.5) / SUB;
      const hits: { x: number; dir: number }[] = [];
      for (const p of polys) {
        for (let i = 0; i < p.length; i++) {
          const [x0, y0] = p[i]!;
          const [x1, y1] = p[(i + 1) % p.length]!;
          if (y0 === y1 || y < Math.min(y0, y1) || y >= Math.max(y0, y1)) continue;
          hits.push({ x: x0 + ((y - y0) * (x1 - x0)) / (y1 - y0), dir: y1 > y0 ? 1 : -1 });
        }
      }
      hits.sort((a, b) => a.x - b.x);
      const row = Math.floor(y);
      const acc = cover.get(row) ?? new Float32Array(W);
      cover.set(row, acc);
      let wind = 0;
      for (let i = 0; i < hits.length - 1; i++) {
        wind += hits[i]!.dir;
        if (wind === 0) continue;
        const a = hits[i]!.x;
        const b = hits[i + 1]!.x;
        for (let x = Math.max(0, Math.floor(a)); x < Math.min(W, Math.ceil(b)); x++) {
          acc[x]! += (Math.min(b, x + 1) - Math.max(a, x)) / SUB;
        }
      }
    }
    for (const [row, acc] of cover)
      for (let x = 0; x < W; x++) this.blend(x, row, c, Math.min(1, acc[x]!));
  }
}

/** The glyph outlines of `text` at (x, baseline y), `size` pixels, flattened to polygons. */
function textPolys(font: Font, text: string, x: number, y: number, size: number) {
  const scale = size / font.unitsPerEm;
  const polys: [number, number][][] = [];
  const run = font.layout(text);
  let penX = x;
  run.glyphs.forEach((g, i) => {
    let cur: [number, number][] = [];
    let last: [number, number] = [0, 0];
    const pt = (px: number, py: number): [number, number] => [penX + px * scale, y - py * scale];
    const curve = (pts: [number, number][], steps = 6) => {
      const [p0, ...rest] = [last, ...pts];
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        // De Casteljau over the control points: quadratic or cubic alike.
        let layer: [number, number][] = [p0!, ...rest];
        while (layer.length > 1)
          layer = layer
            .slice(1)
            .map((q, k) => [
              layer[k]![0] + (q[0] - layer[k]![0]) * t,
              layer[k]![1] + (q[1] - layer[k]![1]) * t,
            ]);
        cur.push(layer[0]!);
      }
      last = rest.at(-1)!;
    };
    for (const cmd of (g.path as unknown as { commands: PathCommand[] }).commands) {
      const a = cmd.args;
      if (cmd.command === 'moveTo') {
        if (cur.length > 2) polys.push(cur);
        last = pt(a[0]!, a[1]!);
        cur = [last];
      } else if (cmd.command === 'lineTo') {
        last = pt(a[0]!, a[1]!);
        cur.push(last);
      } else if (cmd.command === 'quadraticCurveTo') {
        curve([pt(a[0]!, a[1]!), pt(a[2]!, a[3]!)]);
      } else if (cmd.command === 'bezierCurveTo') {
        curve([pt(a[0]!, a[1]!), pt(a[2]!, a[3]!), pt(a[4]!, a[5]!)]);
      } else if (cmd.command === 'closePath') {
        if (cur.length > 2) polys.push(cur);
        cur = [];
      }
    }
    if (cur.length > 2) polys.push(cur);
    penX += run.positions[i]!.xAdvance * scale;
  });
  return polys;
}

const INK: Rgb = [33, 37, 41];
const DIM: Rgb = [110, 117, 125];
const ORANGE: Rgb = [255, 106, 0];
const WHITE: Rgb = [255, 255, 255];
const CARDS: Rgb[] = [
  [255, 236, 214],
  [222, 240, 255],
  [226, 246, 232],
];

export interface ShopShot {
  shop: string;
  products: string[];
  /** [month, sales in 元] oldest first. */
  sales: [string, number][];
  rating: string;
}

export function shopScreenshot(font: Font, shot: ShopShot): Uint8Array {
  const c = new Canvas([244, 245, 247]);
  const text = (s: string, x: number, y: number, size: number, color: Rgb) =>
    c.fill(textPolys(font, s, x, y, size), color);
  c.rect(0, 0, W, 56, ORANGE);
  text(`${shot.shop} · 店铺后台`, 20, 36, 22, WHITE);
  const total = shot.sales.reduce((s, [, v]) => s + v, 0);
  const figures: [string, string][] = [
    ['店铺评分', shot.rating],
    [`近 ${shot.sales.length} 个月销售额`, `${total.toLocaleString('en-US')} 元`],
    ['在售商品', `${shot.products.length} 件`],
  ];
  figures.forEach(([label, value], i) => {
    const x = 20 + i * 232;
    c.rect(x, 72, 216, 72, WHITE);
    text(label, x + 14, 98, 14, DIM);
    text(value, x + 14, 130, 22, INK);
  });
  shot.products.slice(0, 3).forEach((p, i) => {
    const x = 20 + i * 232;
    c.rect(x, 160, 216, 92, WHITE);
    c.rect(x + 10, 170, 72, 72, CARDS[i % CARDS.length]!);
    text(p, x + 92, 200, 15, INK);
    text('已上架', x + 92, 228, 13, DIM);
  });
  c.rect(20, 268, 680, 156, WHITE);
  text('月销售额（元）', 34, 292, 14, DIM);
  const max = Math.max(...shot.sales.map(([, v]) => v), 1);
  const slot = 640 / shot.sales.length;
  shot.sales.forEach(([month, v], i) => {
    const h = Math.round((v / max) * 86);
    const x = Math.round(40 + i * slot + slot * 0.25);
    c.rect(x, 396 - h, Math.round(slot * 0.5), h, ORANGE);
    text(month, x - 6, 416, 12, DIM);
  });
  return new Uint8Array(PNG.sync.write(c.png, { colorType: 2 }));
}
