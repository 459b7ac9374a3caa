import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { loadQueue } from '../../../src-renderer/features/review/queue';
import { linkedExpertId, linkExpert } from '../../../src-renderer/db/expertLink';
import {
  loadDraft,
  saveDraft,
  submitReview,
} from '../../../src-renderer/features/review/reviewStore';
import { assignment, goodDraft, rubric, seed } from './fixtures';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`review-queue-${++n}`);
  await db.open();
  await seed(db);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('the expert link', () => {
  it('is unset for a new profile and remembers the chosen expert', async () => {
    expect(await linkedExpertId(db, 'p1')).toBeNull();
    expect(await linkExpert(db, 'p1', 'exp-01')).toEqual({ ok: true });
    expect(await linkedExpertId(db, 'p1')).toBe('exp-01');
    expect(await linkedExpertId(db, 'p2')).toBeNull();
  });

  it('refuses an expert the package does not have', async () => {
    expect(await linkExpert(db, 'p1', 'exp-99')).toEqual({
      ok: false,
      message: '工作包中没有编号为 exp-99 的评审专家',
    });
    expect(await linkedExpertId(db, 'p1')).toBeNull();
  });

  it('cannot be changed once the profile has submitted a review', async () => {
    await linkExpert(db, 'p1', 'exp-01');
    await submitReview(db, {
      profileId: 'p1',
      assignment: assignment(1),
      rubric,
      draft: goodDraft(),
    });
    const r = await linkExpert(db, 'p1', 'exp-02');
    expect(r.ok).toBe(false);
    expect(await linkedExpertId(db, 'p1')).toBe('exp-01');
  });
});

describe('the queue', () => {
  it("lists only the linked expert's assignments, each with its state", async () => {
    await saveDraft(db, 'p1', 'asg-2-exp-01', goodDraft({ comment: '写了一半' }));
    await submitReview(db, {
      profileId: 'p1',
      assignment: assignment(1),
      rubric,
      draft: goodDraft(),
    });
    const items = await loadQueue(db, 'p1', 'exp-01');
    expect(items.map((i) => [i.assignment.id, i.state, i.traineeName])).toEqual([
      ['asg-1-exp-01', 'pending', '张三'],
      ['asg-2-exp-01', 'draft', '李四'],
    ]);
    expect(items[0]?.className).toBe('海淀区创业基础培训第1期');
    // Another profile's work is not this profile's.
    const other = await loadQueue(db, 'p2', 'exp-01');
    expect(other.map((i) => i.state)).toEqual(['todo', 'todo']);
  });

  it('keeps a draft of any shape-valid form and ignores a corrupted one', async () => {
    await saveDraft(db, 'p1', 'asg-1-exp-01', goodDraft({ verdict: null }));
    expect(await loadDraft(db, 'p1', 'asg-1-exp-01')).toEqual(goodDraft({ verdict: null }));
    await db.reviewDrafts.put({
      profileId: 'p1',
      assignmentId: 'asg-2-exp-01',
      updatedAt: 'x',
      data: { score: 'lots' },
    });
    expect(await loadDraft(db, 'p1', 'asg-2-exp-01')).toBeNull();
  });
});
