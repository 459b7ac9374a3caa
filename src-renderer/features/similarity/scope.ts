// What one person's pre-check view shows: the package, the submissions that concern them (an
// expert's assignments, a chair's panel), the last result, and names for every listed plan.
import type { WorkstationDb } from '../../db/db';
import { linkedExpertId } from '../../db/expertLink';
import type { PackageRow, SimilarityResultRow } from '../../db/types';

export type SimilarityRole = 'expert' | 'chair';

export interface PlanLabel {
  submissionId: string;
  title: string;
  trainee: string;
  klass: string;
}

export interface SimilarityView {
  pkg: PackageRow | null;
  expertId: string | null;
  /** Submissions this person is concerned with: a pair is listed when either side is one. */
  mine: Set<string>;
  last: SimilarityResultRow | null;
  labels: Map<string, PlanLabel>;
}

export async function loadSimilarityView(
  db: WorkstationDb,
  profileId: string,
  role: SimilarityRole,
): Promise<SimilarityView> {
  const pkg = (await db.packages.orderBy('importedAt').last()) ?? null;
  const expertId = await linkedExpertId(db, profileId);
  const mine = new Set<string>();
  if (pkg && expertId) {
    const assignments =
      role === 'expert'
        ? await db.assignments.where('expertId').equals(expertId).toArray()
        : await db.assignments
            .where('panelId')
            .anyOf(
              (await db.panels.filter((p) => p.chairId === expertId).toArray()).map((p) => p.id),
            )
            .toArray();
    for (const a of assignments) if (a.packageId === pkg.packageId) mine.add(a.submissionId);
  }
  const last = pkg ? ((await db.similarityResults.get(pkg.packageId)) ?? null) : null;
  const ids = new Set<string>();
  for (const p of last?.result.pairs ?? []) ids.add(p.a).add(p.b);
  for (const f of last?.failures ?? []) ids.add(f.submissionId);
  const subs = (await db.submissions.bulkGet([...ids])).filter((x) => x !== undefined);
  const [trainees, classes] = await Promise.all([
    db.trainees.bulkGet(subs.map((x) => x.traineeId)),
    db.classes.bulkGet(subs.map((x) => x.classId)),
  ]);
  const labels = new Map<string, PlanLabel>();
  subs.forEach((sub, i) =>
    labels.set(sub.id, {
      submissionId: sub.id,
      title: sub.title,
      trainee: trainees[i]?.name ?? sub.traineeId,
      klass: classes[i]?.name ?? sub.classId,
    }),
  );
  return { pkg, expertId, mine, last, labels };
}
