// What a submitted review carries beyond its scores: page anchors (引用此页), a low-scored
// criterion's own comment, and hard-fail checks — and what submission refuses about them.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  draftFromReview,
  reviewResultRecord,
  submitReview,
  type DraftData,
} from '../../../src-renderer/features/review/reviewStore';
import { reviewSchema } from '../../../src-shared/review/schema';
import { assignment, goodDraft, rubric, seed } from './fixtures';

const PLAN = 'a'.repeat(64);
const files = [{ sha256: PLAN, path: 'plans/T-1/计划书.pdf' }];
const strictRubric = {
  ...rubric,
  criteria: rubric.criteria.map((c) => (c.id === 'c-idea' ? { ...c, commentBelow: 0.5 } : c)),
  hardFails: [
    { id: 'hf-copy', label: '抄袭' },
    { id: 'hf-incomplete', label: '材料不全' },
  ],
};
let db: WorkstationDb;
let n = 0;

beforeEach(async () => {
  db = new WorkstationDb(`review-extras-${++n}`);
  await db.open();
  await seed(db);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const submit = (draft: DraftData, r = strictRubric) =>
  submitReview(db, {
    profileId: 'profile-1',
    assignment: assignment(1),
    rubric: r,
    draft,
    files,
    now: new Date('2025-04-01T02:00:00Z'),
  });

describe('page anchors on a submitted review', () => {
  it('travel in the result record and come back into the form', async () => {
    const draft = goodDraft({
      anchors: [
        { fileSha256: PLAN, page: 2, pageCount: 9, criterionId: 'c-market', quote: '目标客户' },
        { fileSha256: PLAN, page: 5, pageCount: 9 },
      ],
    });
    const r = await submit(draft);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const record = reviewResultRecord(r.review);
    const payload = reviewSchema.parse({ ...record.payload });
    // The page count was the reader's; the record names file, page, quote and field only.
    expect(payload.anchors).toEqual([
      { fileSha256: PLAN, page: 2, criterionId: 'c-market', quote: '目标客户' },
      { fileSha256: PLAN, page: 5 },
    ]);
    expect(draftFromReview(payload).anchors).toEqual(payload.anchors);
  });

  it('refuses a page past the end of the file and stores nothing', async () => {
    const draft = goodDraft({ anchors: [{ fileSha256: PLAN, page: 10, pageCount: 9 }] });
    const r = await submit(draft);
    expect(r).toEqual({
      ok: false,
      errors: { anchors: '引用的“计划书.pdf”第 10 页不存在（共 9 页）' },
    });
    expect(await db.reviews.count()).toBe(0);
  });

  it('refuses a file that is not part of the submission', async () => {
    const draft = goodDraft({ anchors: [{ fileSha256: 'f'.repeat(64), page: 1 }] });
    const r = await submit(draft);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.anchors).toContain('不属于该成果');
  });

  it('makes a change that only adds an anchor a new version, not "nothing changed"', async () => {
    expect((await submit(goodDraft())).ok).toBe(true);
    const again = await submit(
      goodDraft({ anchors: [{ fileSha256: PLAN, page: 3 }], revisionReason: '补充页码依据' }),
    );
    expect(again).toMatchObject({ ok: true, action: 'change' });
  });
});

describe('rubric checks at submission', () => {
  it('blocks a hard fail without a note, naming the check, and a pass with a hard fail', async () => {
    const r = await submit(goodDraft({ hardFails: { 'hf-copy': '' } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['hardFails.hf-copy']).toBe('已勾选不合格项「抄袭」，须写明依据（至少 5 个字）');
    expect(r.errors.verdict).toBe('已勾选不合格项「抄袭」，结论只能是不通过');
    expect(await db.reviews.count()).toBe(0);
  });

  it('stores the raised check with its note on a fail', async () => {
    const r = await submit(
      goodDraft({ verdict: 'fail', hardFails: { 'hf-incomplete': '缺少财务附表和营业执照' } }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.review.hardFails).toEqual([
        { checkId: 'hf-incomplete', note: '缺少财务附表和营业执照' },
      ]);
    }
  });

  it("blocks a low score without the criterion's comment, then takes it with one", async () => {
    const low = { 'c-idea': 15, 'c-market': 30, 'c-finance': 30 };
    const r = await submit(goodDraft({ scores: low }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors['criterionComments.c-idea']).toBe(
        '「项目创意与可行性」低于满分的 50%，须写明扣分理由（至少 5 个字）',
      );
    }
    const ok = await submit(
      goodDraft({ scores: low, criterionComments: { 'c-idea': '创意与周边门店同质化严重' } }),
    );
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.review.criterionComments).toEqual([
        { criterionId: 'c-idea', comment: '创意与周边门店同质化严重' },
      ]);
    }
  });
});
