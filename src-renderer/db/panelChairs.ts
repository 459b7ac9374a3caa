// The chairs behind the panel decisions of a bundle, from the package records main verified:
// main needs them to add the chair's signature (services/panel/chairSigners.ts).
import type { ResultRecord } from '../../src-shared/bundle/resultBundle';
import type { PanelChair } from '../../src-shared/panel/chairSignature';
import type { WorkstationDb } from './db';

export async function chairsForDecisions(
  db: WorkstationDb,
  records: readonly ResultRecord[],
): Promise<PanelChair[]> {
  const panelIds = [
    ...new Set(
      records.flatMap((r) =>
        r.kind === 'panel-decision' && typeof r.payload.panelId === 'string'
          ? [r.payload.panelId]
          : [],
      ),
    ),
  ];
  const panels = (await db.panels.bulkGet(panelIds)).filter((p) => p !== undefined);
  const chairs = await db.experts.bulkGet(panels.map((p) => p.chairId));
  return panels.map((p, i) => ({
    packageId: p.packageId,
    panelId: p.id,
    panelName: p.name,
    chairExpertId: p.chairId,
    chairName: chairs[i]?.name ?? p.chairId,
    keys: chairs[i]?.keys ?? [],
  }));
}
