import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORM_PAGE, type SimilarityDoc } from '../../../src-shared/similarity/document';
import { lshThreshold } from '../../../src-shared/similarity/minhash';
import { precheck } from '../../../src-shared/similarity/precheck';

const doc = (id: string, ...pages: string[]): SimilarityDoc => ({
  id,
  pages: pages.map((text, i) => ({ page: i + 1, text })),
});

const PROSE =
  '我们的社区烘焙坊主打低糖全麦面包，每天清晨六点出炉，周边三个小区的老人和上班族是主要客户。' +
  '第一年计划与两家养老驿站合作配送早餐，第二年开设线上预订，并在店内举办亲子烘焙课堂。' +
  '启动资金十二万元，其中八万元为自有资金，设备采购占四成，房租押金占两成。';

const OTHER =
  '本工作室为小微企业提供短视频拍摄与剪辑服务，团队三人均有传媒专业背景，已与五家餐馆签订月度合同。' +
  '收费按条计算，每月保底二十条，超出部分按件结算；利润主要用于购置灯光和稳定器。';

describe('precheck', () => {
  it('finds a near copy with small edits and shows the copied passage on both pages', () => {
    const copy = PROSE.replace('低糖全麦面包', '无糖杂粮面包').replace('十二万元', '十五万元');
    const r = precheck([doc('a', '封面', PROSE), doc('b', copy), doc('c', OTHER)]);
    expect(r.pairs).toHaveLength(1);
    const [p] = r.pairs;
    expect(p!.a).toBe('a');
    expect(p!.b).toBe('b');
    expect(p!.similarity).toBeGreaterThan(0.6);
    expect(p!.similarity).toBeLessThan(1);
    const longest = [...p!.passages].sort((x, y) => y.length - x.length)[0]!;
    expect(longest.a.page).toBe(2);
    expect(longest.b.page).toBe(1);
    expect(longest.a.text).toContain('第一年计划与两家养老驿站合作配送早餐');
    expect(longest.b.text).toContain('第一年计划与两家养老驿站合作配送早餐');
    // A word swapped inside a copied sentence does not split it: the passage shows both wordings.
    expect(longest.a.text).toContain('主打低糖全麦面包，每天清晨');
    expect(longest.b.text).toContain('主打无糖杂粮面包，每天清晨');
  });

  it('finds the same near copy through MinHash + LSH, as packages above allPairsUpTo do', () => {
    const copy = PROSE.replace('低糖全麦面包', '无糖杂粮面包').replace('十二万元', '十五万元');
    const docs = [doc('a', '封面', PROSE), doc('b', copy), doc('c', OTHER)];
    const exact = precheck(docs);
    const banded = precheck(docs, { allPairsUpTo: 0 });
    expect(exact.candidates).toBe(3);
    expect(banded.candidates).toBeLessThan(3);
    expect(banded.pairs).toEqual(exact.pairs);
  });

  it('does not pair two plans that share only their template headings', () => {
    const headings = [
      '一、项目概述',
      '二、市场分析',
      '三、营销计划',
      '四、财务预测',
      '五、风险分析',
    ];
    const withHeadings = (id: string, body: string) => {
      const parts = body.match(/.{1,30}/g)!;
      return doc(id, headings.map((h, i) => `${h}\n${parts[i] ?? ''}`).join('\n'));
    };
    const docs = [withHeadings('t1', PROSE), withHeadings('t2', OTHER)];
    for (let i = 0; i < 8; i++) docs.push(withHeadings(`t-${i}`, `${i}号文档`.repeat(30)));
    // Headings found in all ten documents fall to the document-frequency cut…
    expect(precheck(docs).pairs.filter((p) => p.a.startsWith('t1') || p.b === 't2')).toEqual([]);
    // …and in a package of two only the named template phrases keep them from counting.
    const two = [withHeadings('t1', PROSE), withHeadings('t2', OTHER)];
    expect(precheck(two, { threshold: 0.01, minSharedShingles: 1 }).pairs).toHaveLength(1);
    expect(
      precheck(two, { threshold: 0.01, minSharedShingles: 1, templatePhrases: headings }).pairs,
    ).toEqual([]);
  });

  it('drops shingles found in more than the document-frequency limit', () => {
    const shared = '这是所有文档都有的固定说明文字';
    // Each document's own part: ten characters no other document uses.
    const own = (i: number) =>
      Array.from({ length: 10 }, (_, k) => String.fromCharCode(0x4e00 + i * 10 + k)).join('');
    const docs = Array.from({ length: 40 }, (_, i) => doc(`d${i}`, shared + own(i)));
    const r = precheck(docs);
    expect(r.maxDocFrequency).toBe(3);
    expect(r.pairs).toEqual([]);
    expect(r.templateShingles).toBeGreaterThan(5);
  });

  it('reports the form page as page 0', () => {
    const a: SimilarityDoc = {
      id: 'a',
      pages: [
        { page: FORM_PAGE, text: '社区养老助餐服务站创业计划书' },
        { page: 1, text: '正文讲的是一种生意。' },
      ],
    };
    const b: SimilarityDoc = {
      id: 'b',
      pages: [
        { page: FORM_PAGE, text: '社区养老助餐服务站创业计划书' },
        { page: 1, text: '完全不同的正文内容，讲的是另一种生意。' },
      ],
    };
    const r = precheck([a, b], { threshold: 0.2, minSharedShingles: 1 });
    expect(r.pairs[0]?.passages[0]?.a.page).toBe(FORM_PAGE);
  });

  it('ignores documents without text and documents shorter than one shingle', () => {
    const r = precheck([doc('a'), doc('b', '短'), doc('c', PROSE), doc('d', PROSE)]);
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual([['c', 'd']]);
    expect(r.docs.find((d) => d.id === 'a')?.shingles).toBe(0);
  });

  it('does not report short documents that share a name but no copied sentence', () => {
    const short = (id: string, applicant: string) =>
      doc(id, `创业计划书 社区洗衣服务 申报人：${applicant} 提交日期：2025年5月13日`);
    expect(
      precheck([short('a', '王芳'), short('b', '李强')], { minSharedShingles: 1 }).pairs,
    ).toHaveLength(1);
    expect(precheck([short('a', '王芳'), short('b', '李强')]).pairs).toEqual([]);
  });

  it('uses LSH bands whose half-probability point lies below the reporting threshold', () => {
    expect(lshThreshold({ bands: 64, rows: 2 })).toBeCloseTo(0.125, 3);
  });
});

// Text over a small Chinese alphabet, long enough to have shingles.
const cjkText = (alphabet: string) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: 20, maxLength: 200 })
    .map((cs) => cs.join(''));

describe('precheck properties', () => {
  it('scores identical texts 1.0', () => {
    fc.assert(
      fc.property(cjkText('创业计划书市场分析营销财务风险客户'), (text) => {
        const r = precheck([doc('a', text), doc('b', text)], { minSharedShingles: 1 });
        expect(r.pairs).toHaveLength(1);
        expect(r.pairs[0]!.similarity).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('scores texts over disjoint alphabets 0 and reports no pair', () => {
    fc.assert(
      fc.property(cjkText('甲乙丙丁戊己庚辛'), cjkText('子丑寅卯辰巳午未'), (x, y) => {
        const r = precheck([doc('a', x), doc('b', y)], { threshold: 0 });
        // A pair may appear only through a hash collision; its exact score is then ~0.
        for (const p of r.pairs) expect(p.similarity).toBeLessThan(0.02);
      }),
      { numRuns: 60 },
    );
  });

  it('is symmetric: the order of the documents changes nothing', () => {
    fc.assert(
      fc.property(
        cjkText('创业计划书市场分析'),
        cjkText('创业计划书营销财务'),
        cjkText('风险客户市场营销'),
        (x, y, z) => {
          const docs = [doc('a', x), doc('b', y), doc('c', z)];
          const forward = precheck(docs, { threshold: 0 });
          const backward = precheck([...docs].reverse(), { threshold: 0 });
          expect(backward.pairs).toEqual(forward.pairs);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never reports a similarity outside 0…1 or below the threshold', () => {
    fc.assert(
      fc.property(
        fc.array(cjkText('创业计划书市场分析营销'), { minLength: 2, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (texts, threshold) => {
          const r = precheck(
            texts.map((t, i) => doc(`d${i}`, t)),
            { threshold },
          );
          for (const p of r.pairs) {
            expect(p.similarity).toBeGreaterThanOrEqual(threshold);
            expect(p.similarity).toBeLessThanOrEqual(1);
            expect(p.a < p.b).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
