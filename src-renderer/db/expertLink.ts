// Which package expert a local profile works as: chosen once on 评审任务, read by the review
// queue and by the chair's panel screen (a chair is linked to their own expert record).
import type { WorkstationDb } from './db';

const EXPERT_LINK_PREFIX = 'reviewExpert:';

/** Which package expert a local profile reviews as (chosen once on the 评审任务 screen). */
export async function linkedExpertId(db: WorkstationDb, profileId: string): Promise<string | null> {
  const row = await db.settings.get(EXPERT_LINK_PREFIX + profileId);
  return typeof row?.value === 'string' ? row.value : null;
}

export async function linkExpert(
  db: WorkstationDb,
  profileId: string,
  expertId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  return db.transaction('rw', db.settings, db.experts, db.reviews, async () => {
    if (!(await db.experts.get(expertId))) {
      return { ok: false as const, message: `工作包中没有编号为 ${expertId} 的评审专家` };
    }
    const current = await linkedExpertId(db, profileId);
    const own = await db.reviews.filter((r) => r.profileId === profileId).count();
    // Reviews name the expert they were entered as; re-linking afterwards would mix two people.
    if (current && current !== expertId && own > 0) {
      return { ok: false as const, message: '本用户已提交过评审，不能再更换对应的评审专家' };
    }
    await db.settings.put({ key: EXPERT_LINK_PREFIX + profileId, value: expertId });
    return { ok: true as const };
  });
}
