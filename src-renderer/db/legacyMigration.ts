// Installs from before profiles kept everything in one shared database, `qihang-workstation`.
// Its local work (reviews, drafts, decisions, the audit log, print and panel records…) is
// carried, once, into the first normal profile opened after the upgrade whose own database has
// no local work yet (on a pre-profile install that is the first normal profile created). The
// rule, in order:
// - a demo profile never receives it; rows about the demo package's items are left behind;
// - platform records are not copied: they come back when the work package is imported again,
//   verified by main against this profile's own trusted keys (a shared database may hold rows
//   a forged demo-signed package overwrote, which is what issue 9 was about);
// - the copy is one transaction on the profile's database: it lands whole or not at all;
// - the old database is claimed for the profile first and deleted only after the copy
//   committed; if the audit chain mentions demo items it cannot be split without breaking it,
//   so it is not copied and the old database is kept (nothing is ever deleted uncopied).
import Dexie from 'dexie';
import type { Profile } from '../../src-shared/profiles/roles';
import { packageTables, type WorkstationDb } from './db';

export const LEGACY_DB_NAME = 'qihang-workstation';
/** The demo package every pre-profile install loaded at first start (scripts/demo/build.ts). */
export const LEGACY_DEMO_PACKAGE_ID = 'demo-2025-haidian-chaoyang';
export const CLAIM_KEY = 'legacyClaimedBy';
export const MIGRATED_KEY = 'legacyMigration';

/** Local work: never written by a package import, so it is what only this station holds. */
export const LOCAL_TABLES = [
  'conflicts',
  'reviews',
  'reviewDrafts',
  'panelDecisions',
  'panelRecords',
  'panelRefusals',
  'videoSamples',
  'findings',
  'certificates',
  'printLog',
  'printLogRecords',
  'outbox',
  'receipts',
] as const;

export type LegacyOutcome =
  | { kind: 'none' }
  | { kind: 'skipped'; message: string }
  | {
      kind: 'migrated';
      counts: Record<string, number>;
      /** Rows about demo items, not carried into a real profile. */
      demoRowsLeft: number;
      /** False when the audit log had to stay behind (the old database is kept then). */
      auditCopied: boolean;
      oldDatabaseRemoved: boolean;
    }
  | { kind: 'failed'; message: string };

export interface LegacyOptions {
  legacyName?: string;
  /** A package from the public demo key: its rows, and work on them, stay behind. */
  isDemoPackage?: (row: { packageId: string; signedBy?: readonly string[] }) => boolean;
  now?: () => string;
}

type Row = Record<string, unknown>;

const isDemoDefault = (row: { packageId: string }) => row.packageId === LEGACY_DEMO_PACKAGE_ID;

/** Every string a row holds under a key naming an id (assignmentId, entityId…). */
function idsOf(row: Row): string[] {
  return Object.entries(row)
    .filter(([k, v]) => /Id$/.test(k) && typeof v === 'string')
    .map(([, v]) => v as string);
}

async function hasLocalWork(db: WorkstationDb): Promise<boolean> {
  for (const t of [...LOCAL_TABLES, 'auditLog'] as const)
    if ((await db.table(t).count()) > 0) return true;
  return false;
}

export async function migrateLegacyInto(
  target: WorkstationDb,
  profile: Profile,
  opts: LegacyOptions = {},
): Promise<LegacyOutcome> {
  if (profile.demo) return { kind: 'none' };
  const name = opts.legacyName ?? LEGACY_DB_NAME;
  if (!(await Dexie.exists(name))) return { kind: 'none' };
  if (await target.settings.get(MIGRATED_KEY)) return { kind: 'none' };
  // Opened without a declared schema: Dexie reads whatever version the old install left.
  const legacy = new Dexie(name);
  try {
    await legacy.open();
    const has = (t: string) => legacy.tables.some((x) => x.name === t);
    const claimed = has('settings')
      ? ((await legacy.table('settings').get(CLAIM_KEY)) as { value?: string } | undefined)
      : undefined;
    if (claimed?.value !== undefined && claimed.value !== profile.id) return { kind: 'none' };
    if (claimed?.value === undefined && (await hasLocalWork(target)))
      return {
        kind: 'skipped',
        message: '本用户已有本地工作，旧版共享数据库留给下一个新建的正式用户',
      };
    if (has('settings')) await legacy.table('settings').put({ key: CLAIM_KEY, value: profile.id });

    // The demo package's items, by id, in every platform table of the old database.
    const demoIds = new Set<string>();
    const isDemo = opts.isDemoPackage ?? isDemoDefault;
    const demoPackages = has('packages')
      ? ((await legacy.table('packages').toArray()) as { packageId: string }[]).filter(isDemo)
      : [];
    for (const p of demoPackages) {
      demoIds.add(p.packageId);
      for (const t of packageTables) {
        if (!has(t)) continue;
        const rows = (await legacy
          .table(t)
          .where('packageId')
          .equals(p.packageId)
          .toArray()) as Row[];
        for (const r of rows) if (typeof r.id === 'string') demoIds.add(r.id);
      }
    }
    const aboutDemo = (r: Row) => idsOf(r).some((id) => demoIds.has(id));

    const copies = new Map<string, Row[]>();
    let demoRowsLeft = 0;
    for (const t of LOCAL_TABLES) {
      if (!has(t)) continue;
      const rows = (await legacy.table(t).toArray()) as Row[];
      const kept = rows.filter((r) => !aboutDemo(r));
      demoRowsLeft += rows.length - kept.length;
      // Work on demo items is demo too: the audit entries about it are found by its id.
      for (const r of rows) if (aboutDemo(r) && typeof r.id === 'string') demoIds.add(r.id);
      // The work becomes this person's: their queries (drafts, own reviews) key on profileId.
      copies.set(
        t,
        kept.map((r) => ('profileId' in r ? { ...r, profileId: profile.id } : r)),
      );
    }
    const audit = has('auditLog') ? ((await legacy.table('auditLog').toArray()) as Row[]) : [];
    const auditCopied = !audit.some(aboutDemo);

    const counts: Record<string, number> = {};
    await target.transaction('rw', [...LOCAL_TABLES, 'auditLog', 'settings'], async () => {
      for (const [t, rows] of copies) {
        if (rows.length === 0) continue;
        await target.table(t).bulkAdd(rows);
        counts[t] = rows.length;
      }
      if (auditCopied && audit.length > 0) {
        await target.table('auditLog').bulkAdd(audit);
        counts.auditLog = audit.length;
      }
      await target.settings.put({
        key: MIGRATED_KEY,
        value: { from: name, at: (opts.now ?? (() => new Date().toISOString()))(), counts },
      });
    });
    legacy.close();
    // Only now, with the copy committed and nothing real left behind (demo rows may go).
    const remove = auditCopied;
    if (remove) await Dexie.delete(name);
    return { kind: 'migrated', counts, demoRowsLeft, auditCopied, oldDatabaseRemoved: remove };
  } catch (e) {
    return {
      kind: 'failed',
      message: `从旧版共享数据库 ${name} 迁移本地工作失败，未做任何更改，旧数据库保留：${(e as Error).message}`,
    };
  } finally {
    legacy.close();
  }
}
