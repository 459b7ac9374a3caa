import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../src-renderer/db/audit';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  latestOf,
  loadDraft,
  pendingReviews,
  reviewResultRecord,
  reviewHistory,
  saveDraft,
  submitReview,
  type ReviewRow,
} from '../../../src-renderer/features/review/reviewStore';
import { payloadMatches } from '../../../src-shared/auditlog';
import { reviewSchema } from '../../../src-shared/review/schema';
import { rowToEntry } from '../../../src-renderer/db/audit';
import { assignment, goodDraft, rubric, seed } from './fixtures';

let db: WorkstationDb;
let n = 0;
const PROFILE = 'profile-1';
const NOW = new Date('2025-04-01T02:00:00Z');

beforeEach(async () => {
  db = new WorkstationDb(`review-submit-${++n}`);
  await db.open();
  await seed(db);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const submit = (draft = goodDraft(), now = NOW) =>
  submitReview(db, { profileId: PROFILE, assignment: assignment(1), rubric, draft, now });

async function counts() {
  return { reviews: await db.reviews.count(), audit: await db.auditLog.count() };
}

describe('submitting a review', () => {
  it('writes the review (pending) and a submit entry for it, and drops the draft', async () => {
    await saveDraft(db, PROFILE, 'asg-1-exp-01', goodDraft());
    const r = await submit();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.action).toBe('submit');
    const row = (await db.reviews.get(r.review.id)) as ReviewRow;
    expect(row).toMatchObject({
      assignmentId: 'asg-1-exp-01',
      submissionId: 'sub-1',
      expertId: 'exp-01',
      profileId: PROFILE,
      total: 75,
      verdict: 'pass',
      syncState: 'pending',
      createdAt: NOW.toISOString(),
    });
    expect(row.supersedes).toBeUndefined();
    const [entry] = await db.auditLog.toArray();
    expect(entry).toMatchObject({
      seq: 0,
      actor: PROFILE,
      action: 'submit',
      entityKind: 'review',
      entityId: row.id,
    });
    // The entry commits to exactly the record that will travel (without the local sync state).
    const { syncState: _local, ...record } = row;
    expect(await payloadMatches(rowToEntry(entry!), record)).toBe(true);
    expect(reviewSchema.safeParse(record).success).toBe(true);
    expect(await loadDraft(db, PROFILE, 'asg-1-exp-01')).toBeNull();
  });

  it('writes neither the review nor the entry when the audit append fails', async () => {
    // A stored head whose hash is not SHA-256 hex makes the next entry invalid at write time.
    await db.auditLog.add({
      seq: 0,
      at: NOW.toISOString(),
      actor: 'x',
      action: 'import',
      entityKind: 'work-package',
      entityId: 'pkg',
      payloadHash: 'a'.repeat(64),
      prevHash: '0'.repeat(64),
      hash: 'not-a-hash',
    });
    await saveDraft(db, PROFILE, 'asg-1-exp-01', goodDraft());
    await expect(submit()).rejects.toThrow();
    expect(await counts()).toEqual({ reviews: 0, audit: 1 });
    expect(await loadDraft(db, PROFILE, 'asg-1-exp-01')).not.toBeNull();
  });

  it.each([
    [
      'a missing score',
      goodDraft({ scores: { 'c-idea': 30, 'c-market': null, 'c-finance': 25 } }),
      'scores.c-market',
      '请为「市场分析」打分',
    ],
    [
      'a score over the maximum',
      goodDraft({ scores: { 'c-idea': 41, 'c-market': 20, 'c-finance': 25 } }),
      'scores.c-idea',
      '「项目创意与可行性」最高 40 分',
    ],
    ['no verdict', goodDraft({ verdict: null }), 'verdict', '请选择评审结论（通过或不通过）'],
    [
      '通过 below the pass score',
      goodDraft({ scores: { 'c-idea': 20, 'c-market': 20, 'c-finance': 10 } }),
      'verdict',
      '总分 50 低于通过分 60，不能判为通过',
    ],
    ['a too short comment', goodDraft({ comment: ' 好 ' }), 'comment', '评审意见至少 5 个字'],
    [
      'no conflict declaration',
      goodDraft({ noConflict: false }),
      'noConflict',
      '提交前须声明与该学员及培训组织方无利害关系',
    ],
  ])(
    'refuses %s with a Chinese message on that field and writes nothing',
    async (_, draft, field, message) => {
      await saveDraft(db, PROFILE, 'asg-1-exp-01', draft);
      const r = await submit(draft);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors[field]).toContain(message);
      expect(await counts()).toEqual({ reviews: 0, audit: 0 });
      expect(await loadDraft(db, PROFILE, 'asg-1-exp-01')).toEqual(draft);
    },
  );

  it('marks every field of an empty form at once', async () => {
    const r = await submit({ scores: {}, verdict: null, comment: '', noConflict: false });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        'comment',
        'noConflict',
        'scores.c-finance',
        'scores.c-idea',
        'scores.c-market',
        'verdict',
      ].sort(),
    );
    expect(await counts()).toEqual({ reviews: 0, audit: 0 });
  });

  it('accepts 不通过 at any score, with reasons', async () => {
    const r = await submit(goodDraft({ verdict: 'fail', comment: '财务测算缺少现金流，需修改。' }));
    expect(r.ok).toBe(true);
  });
});

describe('changing a submitted review', () => {
  it('appends a new record that supersedes the first and logs it as a change', async () => {
    const first = await submit();
    const second = await submit(
      goodDraft({
        comment: '补充：市场分析偏弱。',
        scores: { 'c-idea': 30, 'c-market': 15, 'c-finance': 25 },
        revisionReason: '复核后补充意见，修改评分',
      }),
      new Date(NOW.getTime() + 60_000),
    );
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.action).toBe('change');
    expect(second.review.supersedes).toBe(first.review.id);
    expect(second.review.syncState).toBe('pending');
    expect([first.review.revision, second.review.revision]).toEqual([1, 2]);
    expect(second.review.revisionReason).toBe('复核后补充意见，修改评分');
    expect(first.review).not.toHaveProperty('revisionReason');
    // Append-only: the first version is still there, unchanged.
    expect(await db.reviews.get(first.review.id)).toEqual(first.review);
    const history = await reviewHistory(db, PROFILE, 'asg-1-exp-01');
    expect(history.map((h) => h.id)).toEqual([first.review.id, second.review.id]);
    expect(latestOf(history)?.id).toBe(second.review.id);
    const log = await db.auditLog.orderBy('seq').toArray();
    expect(log.map((e) => [e.action, e.entityId])).toEqual([
      ['submit', first.review.id],
      ['change', second.review.id],
    ]);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, length: 2 });
  });

  it('refuses a change without a reason and writes nothing', async () => {
    await submit();
    const r = await submit(
      goodDraft({ comment: '改了意见但没写理由。', revisionReason: ' 改 ' }),
      new Date(NOW.getTime() + 1000),
    );
    expect(r).toEqual({
      ok: false,
      errors: { revisionReason: '修改已提交的评审须写明修改理由（至少 5 个字）' },
    });
    expect(await counts()).toEqual({ reviews: 1, audit: 1 });
  });

  it('refuses a resubmission identical to the version in force', async () => {
    await submit();
    const again = await submit(goodDraft(), new Date(NOW.getTime() + 1000));
    expect(again).toEqual({
      ok: false,
      errors: { form: '内容与已提交的评审相同，无需再次提交' },
    });
    expect(await counts()).toEqual({ reviews: 1, audit: 1 });
  });

  it('never lets two concurrent first submissions both claim to be the first version', async () => {
    const [a, b] = await Promise.all([
      submit(goodDraft({ revisionReason: '复核后补充意见，修改评分' })),
      submit(
        goodDraft({ comment: '另一版本的意见。', revisionReason: '复核后补充意见，修改评分' }),
      ),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const log = await db.auditLog.orderBy('seq').toArray();
    expect(log.map((e) => e.action)).toEqual(['submit', 'change']);
    const history = await reviewHistory(db, PROFILE, 'asg-1-exp-01');
    expect(history.filter((h) => h.supersedes === undefined)).toHaveLength(1);
  });

  it('changes a review that was already sent the same way: a new pending record', async () => {
    const first = await submit();
    if (!first.ok) throw new Error('first submit failed');
    await db.reviews.update(first.review.id, { syncState: 'sent' });
    const second = await submit(
      goodDraft({
        verdict: 'fail',
        comment: '复核后认为市场分析不足。',
        revisionReason: '复核后补充意见，修改评分',
      }),
    );
    expect(second).toMatchObject({ ok: true, action: 'change' });
    expect((await pendingReviews(db)).map((r) => r.supersedes)).toEqual([first.review.id]);
  });
});

describe('handing reviews to the result bundle', () => {
  it('lists pending reviews oldest first, as records whose payload the audit log hashed', async () => {
    const first = await submit();
    const second = await submit(
      goodDraft({
        comment: '补充意见：风险分析偏弱。',
        revisionReason: '复核后补充意见，修改评分',
      }),
      new Date(NOW.getTime() + 60_000),
    );
    if (!first.ok || !second.ok) throw new Error('submit failed');
    const pending = await pendingReviews(db);
    expect(pending.map((r) => r.id)).toEqual([first.review.id, second.review.id]);
    const records = pending.map(reviewResultRecord);
    expect(records[0]).not.toHaveProperty('supersedes');
    expect(records[1]).toMatchObject({ kind: 'review', supersedes: first.review.id });
    expect(records[1]?.payload).not.toHaveProperty('syncState');
    const log = await db.auditLog.orderBy('seq').toArray();
    for (const [i, record] of records.entries()) {
      expect(await payloadMatches(rowToEntry(log[i]!), record.payload)).toBe(true);
    }
  });
});
