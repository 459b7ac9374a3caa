import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../src-renderer/db/audit';
import { auditWords } from '../../../src-renderer/db/auditNames';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  declareParty,
  withdrawConflict,
  type RecusalRow,
} from '../../../src-renderer/features/review/conflictStore';
import { loadQueue, viewQueue, defaultView } from '../../../src-renderer/features/review/queue';
import { gatherBundleInput } from '../../../src-renderer/features/sync/syncStore';
import { t } from '../../../src-renderer/app/strings';
import { conflictDeclarationSchema, recusalsInForce } from '../../../src-shared/review/conflict';
import { seed, PKG } from './fixtures';

let db: WorkstationDb;
let n = 0;
let ids = 0;
const newId = () => `id${++ids}`;

beforeEach(async () => {
  db = new WorkstationDb(`review-conflict-${++n}`);
  await db.open();
  await seed(db);
  // A second organizer's class with one more of exp-01's assignments, which no conflict with
  // org-1 may touch.
  await db.classes.add({
    packageId: PKG,
    id: 'C-2',
    organizerId: 'org-2',
    program: 'basic',
    name: '朝阳区创业基础培训第2期',
    district: '朝阳区',
    venue: '朝阳',
    startDate: '2025-03-01',
    endDate: '2025-03-20',
    lecturerIds: [],
    traineeIds: ['T-3'],
    marketTraineeCount: 0,
  });
  await db.submissions.add({
    packageId: PKG,
    id: 'sub-3',
    traineeId: 'T-3',
    classId: 'C-2',
    kind: 'business-plan',
    title: '计划书 3',
    fileId: 'f-3',
    submittedAt: '2025-03-21T10:00:00+08:00',
  });
  await db.assignments.add({
    packageId: PKG,
    id: 'asg-3-exp-01',
    submissionId: 'sub-3',
    panelId: 'panel-plan',
    expertId: 'exp-01',
  });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const conflictWithOrg1 = (profileId = 'p1') =>
  declareParty(db, {
    profileId,
    expertId: 'exp-01',
    party: { kind: 'organizer', id: 'org-1' },
    partyName: '海淀启航培训学校',
    input: { decision: 'conflict', relation: 'employment', note: '本人兼任该校顾问' },
    newId,
    now: new Date('2026-03-01T02:00:00Z'),
  });

describe('回避声明', () => {
  it('refuses a conflict without a type, and 其他 without a note, writing nothing', async () => {
    const base = {
      profileId: 'p1',
      expertId: 'exp-01',
      party: { kind: 'organizer' as const, id: 'org-1' },
      partyName: '海淀启航培训学校',
    };
    const noType = await declareParty(db, {
      ...base,
      input: { decision: 'conflict', relation: null, note: '' },
    });
    expect(noType).toEqual({
      ok: false,
      errors: { relation: '请选择利害关系类型（任职、亲属、合作或其他）' },
    });
    const other = await declareParty(db, {
      ...base,
      input: { decision: 'conflict', relation: 'other', note: ' ' },
    });
    expect(other.ok).toBe(false);
    expect(await db.conflictDeclarations.count()).toBe(0);
    expect(await db.conflicts.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("recuses every item of the organizer, only those, and only this profile's", async () => {
    const r = await conflictWithOrg1();
    expect(r.ok).toBe(true);
    const items = await loadQueue(db, 'p1', 'exp-01');
    expect(items.map((i) => [i.assignment.id, i.state])).toEqual([
      ['asg-1-exp-01', 'recused'],
      ['asg-2-exp-01', 'recused'],
      ['asg-3-exp-01', 'todo'],
    ]);
    // Off the list by default, under 已回避 on request.
    expect(viewQueue(items, defaultView()).map((i) => i.assignment.id)).toEqual(['asg-3-exp-01']);
    expect(
      viewQueue(items, { ...defaultView(), status: 'recused' }).map((i) => i.assignment.id),
    ).toEqual(['asg-1-exp-01', 'asg-2-exp-01']);
    const other = await loadQueue(db, 'p2', 'exp-01');
    expect(other.map((i) => i.state)).toEqual(['todo', 'todo', 'todo']);
  });

  it('writes one pending recusal record per covered assignment, valid and in the bundle', async () => {
    await conflictWithOrg1();
    const rows = (await db.conflicts.toArray()) as RecusalRow[];
    expect(rows.map((r) => r.assignmentId).sort()).toEqual(['asg-1-exp-01', 'asg-2-exp-01']);
    for (const { syncState, ...r } of rows) {
      expect(syncState).toBe('pending');
      expect(conflictDeclarationSchema.parse(r)).toEqual(r);
      expect(r.reason).toBe('与培训组织方「海淀启航培训学校」存在任职关系：本人兼任该校顾问');
    }
    const bundle = await gatherBundleInput(db, 'p1');
    if (!bundle.ok) throw new Error(bundle.code);
    const conflicts = bundle.records.filter((r) => r.kind === 'conflict');
    expect(conflicts.map((r) => r.payload.assignmentId).sort()).toEqual([
      'asg-1-exp-01',
      'asg-2-exp-01',
    ]);
    expect(conflicts[0]?.payload).toMatchObject({
      relation: 'employment',
      party: { kind: 'organizer', id: 'org-1' },
    });
    expect(bundle.workPackageIds).toEqual([PKG]);
  });

  it('logs the declaration in the audit chain and shows it in words', async () => {
    await declareParty(db, {
      profileId: 'p1',
      expertId: 'exp-01',
      party: { kind: 'organizer', id: 'org-2' },
      partyName: '朝阳职业技能培训学校',
      input: { decision: 'none', relation: null, note: '' },
      newId,
    });
    await conflictWithOrg1();
    expect((await verifyAuditLog(db)).ok).toBe(true);
    const rows = await db.auditLog.orderBy('seq').toArray();
    expect(rows.map((r) => [r.action, r.entityKind])).toEqual([
      ['declare', 'conflict'],
      ['declare', 'conflict'],
    ]);
    const words = await auditWords(
      db,
      rows,
      { id: 'p1', name: '王老师' },
      { ...t.auditLog.names, entities: t.auditLog.entities },
    );
    expect(words.map((w) => w.object)).toEqual([
      '回避声明：培训组织方「朝阳职业技能培训学校」，无利害关系',
      '回避声明：培训组织方「海淀启航培训学校」，存在任职关系，回避：本人兼任该校顾问',
    ]);
  });

  it('cannot be declared over: a second declaration for the party is refused', async () => {
    await conflictWithOrg1();
    const again = await declareParty(db, {
      profileId: 'p1',
      expertId: 'exp-01',
      party: { kind: 'organizer', id: 'org-1' },
      partyName: '海淀启航培训学校',
      input: { decision: 'none', relation: null, note: '' },
    });
    expect(again.ok).toBe(false);
    const items = await loadQueue(db, 'p1', 'exp-01');
    expect(items.filter((i) => i.state === 'recused')).toHaveLength(2);
  });

  it('is withdrawn only with a reason, as new records that supersede the recusals', async () => {
    const r = await conflictWithOrg1();
    if (!r.ok) throw new Error('declare');
    const noReason = await withdrawConflict(db, {
      profileId: 'p1',
      declarationId: r.declaration.id,
      reason: '误选',
    });
    expect(noReason).toEqual({
      ok: false,
      errors: { reason: '撤回回避须写明理由（至少 5 个字）' },
    });
    const w = await withdrawConflict(db, {
      profileId: 'p1',
      declarationId: r.declaration.id,
      reason: '顾问聘任已于去年终止，经核实无利害关系',
      newId,
    });
    expect(w.ok).toBe(true);
    // Nothing deleted: two recusals and two withdrawals, each withdrawal naming its recusal.
    const rows = (await db.conflicts.toArray()) as RecusalRow[];
    expect(rows).toHaveLength(4);
    const withdrawals = rows.filter((x) => x.withdrawn);
    expect(withdrawals.map((x) => x.supersedes).sort()).toEqual(r.recusals.map((x) => x.id).sort());
    expect(recusalsInForce(rows).size).toBe(0);
    // Back on the list; the organizer must be declared again before its items open.
    const items = await loadQueue(db, 'p1', 'exp-01');
    expect(items.map((i) => i.state)).toEqual(['todo', 'todo', 'todo']);
    const actions = (await db.auditLog.orderBy('seq').toArray()).map((x) => x.action);
    expect(actions).toEqual(['declare', 'withdraw']);
    const again = await withdrawConflict(db, {
      profileId: 'p1',
      declarationId: r.declaration.id,
      reason: '再次撤回同一声明',
    });
    expect(again.ok).toBe(false);
  });

  it('a trainee conflict recuses only that trainee', async () => {
    await declareParty(db, {
      profileId: 'p1',
      expertId: 'exp-01',
      party: { kind: 'trainee', id: 'T-2' },
      partyName: '李四',
      input: { decision: 'conflict', relation: 'relative', note: '' },
      newId,
    });
    const items = await loadQueue(db, 'p1', 'exp-01');
    expect(items.map((i) => i.state)).toEqual(['todo', 'recused', 'todo']);
  });
});
