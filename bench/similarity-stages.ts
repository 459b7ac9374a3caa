// Where the similarity benchmark's pre-check time goes: reads the 500 plans' text layers once
// (cached in a JSON file so a profile need not pay for pdf.js again), then times precheck() alone
// and each of its stages against that one extraction. Not a benchmark (no ratio):
//   npx tsx bench/similarity-stages.ts [runs] [--cache /tmp/similarity-docs.json]
// Profile with: node --cpu-prof --import tsx bench/similarity-stages.ts
import './lib/promiseWithResolvers';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { makeDemoFont, docText, renderPlanPdf } from '../scripts/demo/pdf';
import { FORM_PAGE, type SimilarityDoc } from '../src-shared/similarity/document';
import {
  distinctSorted,
  jaccard,
  prepareDoc,
  type PreparedDoc,
} from '../src-shared/similarity/document';
import { lshCandidates, minhashSignature } from '../src-shared/similarity/minhash';
import { alignPassages } from '../src-shared/similarity/passages';
import { DEFAULT_PRECHECK_OPTIONS, precheck, templateCut } from '../src-shared/similarity/precheck';
import { median } from './lib/measure';
import { planDocs, readAll } from './similarity.bench';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? args[cacheAt + 1]! : '/tmp/similarity-docs.json';

async function load(): Promise<{ docs: SimilarityDoc[]; extractMs: number | null }> {
  if (existsSync(cache)) {
    const { docs, extractMs } = JSON.parse(readFileSync(cache, 'utf8')) as {
      docs: SimilarityDoc[];
      extractMs: number;
    };
    return { docs, extractMs };
  }
  const plans = planDocs();
  const font = await makeDemoFont(plans.map((p) => docText(p.doc)).join('\n'));
  const pdfs: Uint8Array[] = [];
  for (const p of plans) pdfs.push(await renderPlanPdf(p.doc, font));
  await readAll(pdfs); // warm pdf.js as the benchmark does
  const t0 = performance.now();
  const read = await readAll(pdfs);
  const extractMs = performance.now() - t0;
  const docs = read.map((d, i) => ({
    id: d.id,
    pages: [{ page: FORM_PAGE, text: plans[i]!.title }, ...d.pages],
  }));
  writeFileSync(cache, JSON.stringify({ docs, extractMs }));
  return { docs, extractMs };
}

function stages(docs: SimilarityDoc[]): Record<string, number> {
  const o = DEFAULT_PRECHECK_OPTIONS;
  const t: Record<string, number> = {};
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = now - last;
    last = now;
  };
  const prepared: PreparedDoc[] = docs.map((d) => prepareDoc(d, o.shingleSize));
  lap('prepare (normalise + shingle)');
  const distinct = prepared.map((d) => distinctSorted(d.shingles));
  lap('distinct');
  const { kept, dropped } = templateCut(distinct, o);
  const isKept = (h: number) => !dropped.has(h);
  lap('template cuts');
  const sigs = kept.map((set) => (set.length > 0 ? minhashSignature(set, o.bands * o.rows) : null));
  lap('minhash');
  const cands = lshCandidates(sigs, o);
  lap('lsh');
  const flagged: Array<[number, number]> = [];
  for (const [i, j] of cands) {
    const { value, shared } = jaccard(kept[i]!, kept[j]!);
    if (value >= o.threshold && shared >= o.minSharedShingles) flagged.push([i, j]);
  }
  lap('verify');
  for (const [i, j] of flagged)
    alignPassages(prepared[i]!, prepared[j]!, {
      shingleSize: o.shingleSize,
      minChars: o.minPassageChars,
      maxPassages: o.maxPassages,
      isKept,
    });
  lap('passages');
  t['candidates'] = cands.length;
  t['flagged'] = flagged.length;
  return t;
}

async function main(): Promise<void> {
  const { docs, extractMs } = await load();
  const chars = docs.reduce((n, d) => n + d.pages.reduce((m, p) => m + p.text.length, 0), 0);
  console.log(`${docs.length} docs, ${chars} chars; text extraction ${extractMs?.toFixed(0)} ms`);
  precheck(docs); // warm
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const result = precheck(docs);
    times.push(performance.now() - t0);
    if (r === 0) console.log(`pairs ${result.pairs.length}, candidates ${result.candidates}`);
  }
  const pre = median(times);
  console.log(
    `precheck median ${pre.toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(' ')})` +
      (extractMs ? `; ${((100 * pre) / extractMs).toFixed(1)}% of extraction` : ''),
  );
  const st = stages(docs);
  for (const [k, v] of Object.entries(st)) console.log(`  ${k.padEnd(32)} ${v.toFixed(1)}`);
}

void main();
