// Similarity pre-check of 500 plans (real PDFs with embedded Chinese fonts) against only
// extracting their text: ours reads every PDF's pdf.js text layer and then runs the whole
// pre-check (normalise, shingle, template cuts, MinHash + LSH, exact Jaccard, passages); the
// baseline reads the same text layers and stops. Goal: the comparison at most doubles the cost
// of reading the text. pdf.js runs its legacy build in Node with its worker disabled, as it
// runs inside the app's Web Worker.
import './lib/promiseWithResolvers';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PROJECTS } from '../scripts/demo/catalog';
import { makeDemoFont, docText, renderPlanPdf } from '../scripts/demo/pdf';
import { fullSections, type PlanDoc } from '../scripts/demo/plan-text';
import { makeRng, type Rng } from '../scripts/demo/prng';
import { pdfPages } from '../src-renderer/features/similarity/pdfText';
import { FORM_PAGE, type SimilarityDoc } from '../src-shared/similarity/document';
import { precheck } from '../src-shared/similarity/precheck';
import { compare, ms, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const PLANS = 500;
/** Every 50th plan copies an earlier one with a few words changed. */
const COPY_EVERY = 50;
// Characters for each plan's own prose, so plans are not just the demo's template sentences.
const POOL =
  '我们的项目客户市场产品服务经营计划资金成本收入利润风险管理团队员工社区线上线下平台推广' +
  '价格质量品牌合作供应渠道门店租金设备原料配送会员活动数据分析调整控制预算贷款补贴政策' +
  '北京海淀朝阳街道居民学生老人家庭企业年轻上班族需求调查竞争优势特色创新技术培训经验' +
  '第一二三四五六七八九十百千万元月年季度每天周末开业试运营增长稳定提高降低保证提供';

function prose(rng: Rng, chars: number): string {
  let s = '';
  for (let i = 0; i < chars; i++) {
    s += POOL[rng.int(0, POOL.length - 1)];
    if (i % 23 === 22) s += rng.chance(0.5) ? '，' : '。';
  }
  return `${s}。`;
}

export function planDocs(): Array<{ id: string; title: string; doc: PlanDoc }> {
  const rng = makeRng(500);
  const plans: Array<{ id: string; title: string; doc: PlanDoc }> = [];
  for (let i = 0; i < PLANS; i++) {
    const [project, industry] = rng.pick(PROJECTS);
    const c = {
      project,
      industry,
      district: rng.pick(['海淀区', '朝阳区', '丰台区']),
      capitalWan: rng.int(5, 40),
      monthlyYuan: rng.int(20, 120) * 1000,
    };
    const sections = fullSections(rng, c);
    for (const s of sections) s.paragraphs.push(prose(rng, 260), prose(rng, 260));
    if (i % COPY_EVERY === COPY_EVERY - 1) {
      // Copy an earlier plan's sections, changing one sentence.
      const from = plans[i - 7]!.doc.sections.map((s) => ({ ...s, paragraphs: [...s.paragraphs] }));
      from[1]!.paragraphs[0] = prose(rng, 120);
      sections.splice(0, sections.length, ...from);
    }
    const title = `${project}创业计划书`;
    const doc: PlanDoc = {
      title: '创业计划书',
      project,
      facts: [
        ['申报人', `学员${i}`],
        ['提交日期', '2025年6月1日'],
      ],
      sections,
    };
    plans.push({ id: `sub-${String(i).padStart(3, '0')}`, title, doc });
  }
  return plans;
}

export async function readAll(pdfs: Uint8Array[]): Promise<SimilarityDoc[]> {
  const docs: SimilarityDoc[] = [];
  for (const [i, bytes] of pdfs.entries()) {
    // pdf.js may take ownership of the buffer it is given: each run reads a copy.
    const pages = await pdfPages(pdfjs, bytes.slice());
    docs.push({ id: `sub-${String(i).padStart(3, '0')}`, pages });
  }
  return docs;
}

const bench: Benchmark = {
  name: 'similarity',
  goal: 2,
  async run() {
    const plans = planDocs();
    const font = await makeDemoFont(plans.map((p) => docText(p.doc)).join('\n'));
    const pdfs: Uint8Array[] = [];
    for (const p of plans) pdfs.push(await renderPlanPdf(p.doc, font));
    const titles = plans.map((p) => p.title);
    let pairs = 0;
    let pages = 0;
    const result = await compare(
      async () => {
        const docs = await readAll(pdfs);
        const withForm = docs.map((d, i) => ({
          id: d.id,
          pages: [{ page: FORM_PAGE, text: titles[i]! }, ...d.pages],
        }));
        pairs = precheck(withForm).pairs.length;
      },
      async () => {
        pages = (await readAll(pdfs)).reduce((n, d) => n + d.pages.length, 0);
      },
      { warmup: 1 },
    );
    const expected = Math.floor(PLANS / COPY_EVERY);
    if (pairs < expected)
      throw new Error(`expected at least ${expected} copied pairs, found ${pairs}`);
    return {
      ...resultOf(result),
      details: {
        plans: PLANS,
        pages,
        'MB of PDF': ms(pdfs.reduce((n, b) => n + b.length, 0) / 1e6),
        'pairs found': pairs,
        'plans/s (pre-check incl. text)': ms(PLANS / (result.ours.median / 1000)),
        'plans/s (text only)': ms(PLANS / (result.baseline.median / 1000)),
        'pre-check alone ms': ms(result.ours.median - result.baseline.median),
      },
    };
  },
};

export default bench;
