import { describe, expect, it } from 'vitest';
import { docText } from '../../../scripts/demo/pdf';
import { generateDemoRecords } from '../../../scripts/demo/records';
import { FORM_PAGE } from '../../../src-shared/similarity/document';
import { precheck } from '../../../src-shared/similarity/precheck';

const demo = generateDemoRecords(() => true);
const { records, files, similarity } = demo;

/** Each submission as the pre-check reads it: the form title, then the PDF's drawn text. */
function docs() {
  return records.submissions.flatMap((s) => {
    const f = files.find((x) => x.id === s.fileId);
    if (!f || f.content.type !== 'pdf') return [];
    return [
      {
        id: s.id,
        pages: [
          { page: FORM_PAGE, text: s.title },
          { page: 1, text: docText(f.content.doc) },
        ],
      },
    ];
  });
}

describe('the demo generator seeds the similarity cases', () => {
  it('assigns all four seeded plans to the demo expert in the plan panel', () => {
    const seeded = [similarity.copy.original, similarity.copy.copy, ...similarity.template];
    expect(new Set(seeded).size).toBe(4);
    for (const id of seeded) {
      expect(
        records.assignments.some(
          (a) => a.submissionId === id && a.expertId === 'exp-03' && a.panelId === 'panel-plan',
        ),
      ).toBe(true);
    }
  });

  it('makes the near copy the only pair the pre-check reports, and not the template pair', () => {
    const r = precheck(docs());
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual([
      [similarity.copy.original, similarity.copy.copy].sort(),
    ]);
    expect(r.pairs[0]!.similarity).toBeGreaterThan(0.6);
    const [ta, tb] = similarity.template;
    expect(precheck(docs(), { threshold: 0, minSharedShingles: 1 }).pairs).not.toContainEqual(
      expect.objectContaining({ a: [ta, tb].sort()[0], b: [ta, tb].sort()[1] }),
    );
  });
});
