// Profiles are separate databases: what one person stores is not reachable from another's, a
// locked profile's database is closed, and only a demo profile ever receives the demo package.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit, verifyAuditLog } from '../../../src-renderer/db/audit';
import { DirectoryDb } from '../../../src-renderer/db/directory';
import { profileDbName } from '../../../src-renderer/db/profileDb';
import {
  loadDraft,
  saveDraft,
  submitReview,
} from '../../../src-renderer/features/review/reviewStore';
import {
  closeSession,
  createDemoProfile,
  createNormalProfile,
  deleteProfile,
  openSession,
  type Opened,
  type SessionApi,
} from '../../../src-renderer/features/profiles/session';
import { fail, ok } from '../../../src-shared/ipc/result';
import { makeVerifiedPackage } from '../../fixtures/records';
import { assignment, goodDraft, rubric, seed } from '../review/fixtures';

/** Main as far as profiles go: passphrases per profile, unlocked set, demo only for demo. */
function fakeMain() {
  const keys = new Map<string, string>();
  const unlocked = new Set<string>();
  const demoPackage = makeVerifiedPackage();
  demoPackage.manifest.packageId = 'pkg-demo';
  const api = {
    keys: {
      status: ({ profileId }: { profileId: string }) =>
        Promise.resolve(
          ok({
            sealerAvailable: true,
            minPassphraseLength: 8,
            key: keys.has(profileId)
              ? { keyid: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00.000Z' }
              : null,
            enrollment: null,
          }),
        ),
      create: ({ profileId, passphrase }: { profileId: string; passphrase: string }) => {
        if (passphrase.length < 8)
          return Promise.resolve(fail('weak-passphrase', '口令至少 8 个字符'));
        keys.set(profileId, passphrase);
        unlocked.add(profileId);
        return Promise.resolve(
          ok({ keyid: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00.000Z' }),
        );
      },
    },
    profiles: {
      unlock: ({ profileId, passphrase }: { profileId: string; passphrase: string }) => {
        if (keys.get(profileId) !== passphrase)
          return Promise.resolve(fail('wrong-passphrase', '口令不正确', 'passphrase'));
        unlocked.add(profileId);
        return Promise.resolve(ok({ unlocked: true as const }));
      },
      lock: ({ profileId }: { profileId: string }) => {
        unlocked.delete(profileId);
        return Promise.resolve(ok({ locked: true as const }));
      },
      remove: ({ profileId }: { profileId: string }) => {
        keys.delete(profileId);
        return Promise.resolve(ok({ removed: true as const }));
      },
    },
    packages: {
      loadDemo: ({ importer }: { importer: { demo: boolean } }) =>
        Promise.resolve(
          importer.demo
            ? ok(demoPackage)
            : fail('demo-for-normal-profile', '演示工作包只能载入演示用户'),
        ),
    },
  };
  return { api: api as unknown as SessionApi, unlocked };
}

let dir: DirectoryDb;
let main: ReturnType<typeof fakeMain>;
const opened: Opened[] = [];
let n = 0;

beforeEach(async () => {
  dir = new DirectoryDb(`session-dir-${++n}`);
  await dir.open();
  main = fakeMain();
});
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.db.close();
    await Dexie.delete(o.db.name);
  }
  dir.close();
  await Dexie.delete(dir.name);
});

async function normal(name: string, passphrase = `${name}-口令-12345`) {
  const r = await createNormalProfile(
    { api: main.api, dir },
    { name, role: 'expert', district: '' },
    passphrase,
  );
  if (!r.ok) throw new Error(r.message);
  opened.push(r);
  return r;
}

describe('one database per profile', () => {
  it('gives each profile its own database, named from its id', async () => {
    const a = await normal('甲');
    const b = await normal('乙');
    expect(a.db.name).toBe(profileDbName(a.profile.id));
    expect(b.db.name).toBe(profileDbName(b.profile.id));
    expect(a.db.name).not.toBe(b.db.name);
  });

  it("profile A cannot read B's drafts, reviews or audit log", async () => {
    const a = await normal('甲');
    const b = await normal('乙');
    await seed(b.db);
    await saveDraft(b.db, b.profile.id, 'asg-2-exp-01', goodDraft());
    const submitted = await submitReview(b.db, {
      profileId: b.profile.id,
      assignment: assignment(1),
      rubric,
      draft: goodDraft(),
      now: new Date('2026-03-01T02:00:00Z'),
    });
    expect(submitted.ok).toBe(true);
    expect(await b.db.reviews.count()).toBe(1);
    expect((await recentAudit(b.db)).length).toBe(1);

    // Everything A's database can be asked, even with B's ids, answers nothing of B's.
    expect(await loadDraft(a.db, b.profile.id, 'asg-2-exp-01')).toBeNull();
    expect(await a.db.reviewDrafts.count()).toBe(0);
    expect(await a.db.reviews.count()).toBe(0);
    expect(await recentAudit(a.db)).toEqual([]);
    expect(await a.db.assignments.count()).toBe(0);
    expect(await verifyAuditLog(a.db)).toMatchObject({ ok: true, length: 0 });
  });
});

describe('locking', () => {
  it('closes the database: no query of the locked profile answers, and main locks it', async () => {
    const a = await normal('甲');
    await seed(a.db);
    expect(main.unlocked.has(a.profile.id)).toBe(true);
    await closeSession(main.api, a);
    expect(a.db.isOpen()).toBe(false);
    await expect(a.db.assignments.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    expect(main.unlocked.has(a.profile.id)).toBe(false);
  });

  it('opens again only with the passphrase; a wrong one names the passphrase field', async () => {
    const a = await normal('甲', 'right-口令-1');
    await seed(a.db);
    await closeSession(main.api, a);
    expect(await openSession({ api: main.api, dir }, a.profile)).toEqual({
      ok: false,
      field: 'passphrase',
      message: '请输入口令解锁该用户',
    });
    expect(await openSession({ api: main.api, dir }, a.profile, 'wrong')).toEqual({
      ok: false,
      field: 'passphrase',
      message: '口令不正确',
    });
    const again = await openSession({ api: main.api, dir }, a.profile, 'right-口令-1');
    if (!again.ok) throw new Error(again.message);
    opened.push(again);
    // The three assignments seed() stored are there again, untouched by the lock.
    expect(await again.db.assignments.count()).toBe(3);
  });
});

describe('demo data lives only in demo profiles', () => {
  it('loads the demo package into a new demo profile and nowhere else', async () => {
    const real = await normal('正式');
    const demo = await createDemoProfile({ api: main.api, dir }, 'expert', '演示评审专家');
    if (!demo.ok) throw new Error(demo.message);
    opened.push(demo);
    expect(demo.profile.demo).toBe(true);
    expect((await demo.db.packages.toArray()).map((p) => p.packageId)).toEqual(['pkg-demo']);
    expect(await demo.db.classes.count()).toBeGreaterThan(0);
    expect(await real.db.packages.count()).toBe(0);
    expect(await real.db.classes.count()).toBe(0);
  });

  it('a normal profile never loads the demo, even reopened', async () => {
    const real = await normal('正式', 'right-口令-1');
    await closeSession(main.api, real);
    const again = await openSession({ api: main.api, dir }, real.profile, 'right-口令-1');
    if (!again.ok) throw new Error(again.message);
    opened.push(again);
    expect(await again.db.packages.count()).toBe(0);
  });
});

describe('creating and deleting', () => {
  it('creates no profile when main refuses the passphrase', async () => {
    const r = await createNormalProfile(
      { api: main.api, dir },
      { name: '短', role: 'expert', district: '' },
      'short',
    );
    expect(r).toEqual({ ok: false, field: 'passphrase', message: '口令至少 8 个字符' });
    expect(await dir.listProfiles()).toHaveLength(0);
  });

  it('deletes the profile: its database is gone and the directory forgets it', async () => {
    const a = await normal('甲');
    await seed(a.db);
    await closeSession(main.api, a);
    expect(await deleteProfile({ api: main.api, dir }, a.profile, '甲-口令-12345')).toEqual({
      ok: true,
    });
    expect(await Dexie.exists(a.db.name)).toBe(false);
    expect(await dir.listProfiles()).toHaveLength(0);
  });
});
