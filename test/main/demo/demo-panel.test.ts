// The demo gives a chair something to decide: the committed expert bundles verify against the
// keys the demo package lists, and what they carry shows each case the panel screen handles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../../scripts/demo/build';
import { DEMO_PANEL_ID } from '../../../scripts/demo/panelReviews';
import { generateDemoRecords } from '../../../scripts/demo/records';
import { verifyExpertBundle } from '../../../src-main/services/panel/expertBundle';
import { planIntake, type PanelRecord } from '../../../src-shared/panel/reviewIntake';
import { summarizePanel } from '../../../src-shared/panel/summary';
import type { ConflictDeclaration } from '../../../src-shared/review/conflict';
import type { Review } from '../../../src-shared/review/schema';

const records = generateDemoRecords(() => true).records;
const panel = records.panels.find((p) => p.id === DEMO_PANEL_ID)!;
const experts = records.experts.map((e) => ({ expertId: e.id, keys: e.keys ?? [] }));

async function importAll() {
  const stored = new Map<string, PanelRecord>();
  for (const id of ['exp-02', 'exp-03', 'exp-04']) {
    const bytes = readFileSync(join(DEMO_DIR, 'bundles', `demo-reviews-${id}.qhres`));
    const v = await verifyExpertBundle(new Uint8Array(bytes), experts, id);
    if (!v.ok) throw new Error(v.message);
    expect(v.signerExpertIds).toEqual([id]);
    const outcomes = planIntake(v.records, {
      signerExpertIds: v.signerExpertIds,
      assignments: new Map(records.assignments.map((a) => [a.id, a])),
      rubricFor: () => records.rubrics.find((r) => r.id === 'rub-basic-plan'),
      existing: stored,
    });
    for (const o of outcomes) {
      expect(o.status).toBe('new');
      if (o.status === 'new') stored.set(o.item.record.id, o.item);
    }
  }
  return [...stored.values()];
}

describe('the demo panel', () => {
  it('lists an enrolled key for every expert', () => {
    expect(records.experts.every((e) => e.keys?.length === 1)).toBe(true);
  });

  it('ships expert bundles with a disagreement, a verdict split, a recusal and a harsh expert', async () => {
    const imported = await importAll();
    const summary = summarizePanel({
      panel,
      experts: records.experts,
      assignments: records.assignments,
      submissions: records.submissions,
      traineeName: (id) => id,
      className: (id) => id,
      rubricFor: () => records.rubrics.find((r) => r.id === 'rub-basic-plan'),
      reviews: imported.flatMap((r) => (r.kind === 'review' ? [r.record as Review] : [])),
      recusals: imported.flatMap((r) =>
        r.kind === 'conflict' ? [r.record as ConflictDeclaration] : [],
      ),
      decisions: [],
    });
    const flagged = summary.submissions.filter((s) => s.stats.disagreement.length > 0);
    expect(flagged.some((s) => s.stats.disagreement.includes('spread'))).toBe(true);
    expect(
      flagged.some(
        (s) => s.stats.disagreement.join() === 'verdicts-differ' && (s.stats.spread ?? 99) <= 15,
      ),
    ).toBe(true);
    expect(summary.submissions.some((s) => s.entries.some((e) => e.status === 'recused'))).toBe(
      true,
    );
    const harsh = summary.leniency.find((l) => l.expertId === 'exp-03')!;
    expect(harsh.zScore).not.toBeNull();
    expect(harsh.zScore!).toBeLessThan(-1);
    expect(Math.min(...summary.leniency.map((l) => l.zScore ?? 0))).toBe(harsh.zScore);
  });
});
