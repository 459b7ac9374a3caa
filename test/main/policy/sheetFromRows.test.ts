// Main rebuilds the subsidy sheet from the rows the page sends. Everything that is not a row —
// the pack, quarter name, deadline and its finding, programme names, totals — must be what
// buildQuarterSheet decides for the same quarter and packs, or the file and the screen differ.
import { describe, expect, it } from 'vitest';
import { sheetFromRows } from '../../../src-main/services/policy/sheetFromRows';
import { exportRequestFromSheet } from '../../../src-shared/ipc/policy';
import { JRSNF_2023_25, packsWithShipped } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { buildQuarterSheet } from '../../../src-shared/policy/quarterSheet';
import {
  cleanAudit,
  evaluate,
  makeClass,
  merge,
  withOutcomes,
} from '../../shared/policy/factories';

/** Classes of both programmes ending in 2025Q4, one trainee failing review. */
function screenSheet(packs = packsWithShipped([]), requestDate?: string) {
  const a = makeClass({ id: 'A', trainees: 3 });
  const b = makeClass({ id: 'B', program: 'online', trainees: 2 });
  const all = merge(a, b);
  const res = evaluate(
    all,
    cleanAudit(
      all,
      withOutcomes(all, (id) => id !== 'B-T2'),
    ),
  );
  const built = buildQuarterSheet(res, {
    quarter: '2025Q4',
    district: '朝阳区',
    packs,
    ...(requestDate ? { requestDate } : {}),
  });
  if (!built.ok) throw new Error(built.error.message);
  return built.sheet;
}

describe('sheetFromRows', () => {
  it('rebuilds from the rows the sheet buildQuarterSheet made: header, names and totals', () => {
    const screen = screenSheet(packsWithShipped([]), '2025-12-25');
    const rebuilt = sheetFromRows(exportRequestFromSheet('p-1', screen, '2025-12-25'));
    expect(rebuilt.ok).toBe(true);
    if (!rebuilt.ok) return;
    expect(rebuilt.flagged).toEqual([]);
    expect(rebuilt.sheet).toEqual(screen);
    // Not a vacuous match: the quarter has both kinds of row, a late request and a total.
    expect(screen.claimable.length).toBeGreaterThan(0);
    expect(screen.unclaimable.length).toBeGreaterThan(0);
    expect(screen.deadlineFinding.status).toBe('fail');
    expect(screen.totals.claimableYuan).toBeGreaterThan(0);
  });

  it('takes the deadline from a shipped pack the same way the screen does', () => {
    const shipped = { ...JRSNF_2023_25, fund: { deadlineDayOfQuarterLastMonth: 10 } };
    const packs = packsWithShipped([shipped]);
    const screen = screenSheet(packs);
    const rebuilt = sheetFromRows(
      exportRequestFromSheet('p-1', screen, undefined, [shipped]),
      packs,
    );
    expect(screen.deadline).toBe('2025-12-10');
    expect(rebuilt.ok && rebuilt.sheet.deadline).toBe('2025-12-10');
    expect(rebuilt.ok && rebuilt.sheet.deadlineFinding).toEqual(screen.deadlineFinding);
  });

  it('refuses a malformed quarter with the error buildQuarterSheet gives', () => {
    const screen = screenSheet();
    const rebuilt = sheetFromRows({ ...exportRequestFromSheet('p-1', screen), quarter: '2025Q5' });
    const direct = buildQuarterSheet(evaluate(makeClass({ trainees: 1 })), { quarter: '2025Q5' });
    expect(rebuilt.ok).toBe(false);
    expect(direct.ok).toBe(false);
    if (!rebuilt.ok && !direct.ok) expect(rebuilt.error).toEqual(direct.error);
  });
});
