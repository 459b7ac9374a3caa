// Who may sign a panel decision. A 'panel-decision' record speaks for the panel's chair, so a
// bundle that carries one must be signed by a key the work package enrolled for the expert
// who chairs that panel (panels[].chairId → experts[].keys). The bundle's own profile key is
// still required as for every bundle; when the platform enrolled that same key for the chair,
// its one signature is both (a key never counts twice). Decided here, for the intake, the
// verify CLI and the workstation that builds the bundle alike.
import type { ExpertKey, PackageRecords } from '../records/records';
import { RECORD_ID_PATTERN } from '../wire/primitives';
import type { ResultRecord } from '../bundle/resultBundle';

/** One panel's chair as a work package names them, with the keys enrolled for that expert. */
export interface PanelChair {
  packageId: string;
  panelId: string;
  panelName: string;
  chairExpertId: string;
  chairName: string;
  keys: ExpertKey[];
}

/** The chairs of every panel of a package (a panel whose chair is not listed has no keys). */
export function panelChairsOf(packageId: string, records: PackageRecords): PanelChair[] {
  const experts = new Map(records.experts.map((e) => [e.id, e]));
  return records.panels.map((p) => {
    const chair = experts.get(p.chairId);
    return {
      packageId,
      panelId: p.id,
      panelName: p.name,
      chairExpertId: p.chairId,
      chairName: chair?.name ?? p.chairId,
      keys: chair?.keys ?? [],
    };
  });
}

/** What a decision record claims: which panel, and which expert chairs it. */
export interface DecisionClaim {
  recordId: string;
  panelId: string;
  chairExpertId: string;
}

export type ChairSignatureCode =
  'invalid-payload' | 'unknown-panel' | 'chair-mismatch' | 'chair-signature-missing';

export type ChairFailure = { ok: false; code: ChairSignatureCode; message: string };

const idField = (payload: Record<string, unknown>, field: string): string | null => {
  const v = payload[field];
  return typeof v === 'string' && v.length <= 64 && RECORD_ID_PATTERN.test(v) ? v : null;
};

/** The panel and chair each decision names; a decision that names neither is malformed. */
export function decisionClaims(
  records: readonly ResultRecord[],
): { ok: true; claims: DecisionClaim[] } | ChairFailure {
  const claims: DecisionClaim[] = [];
  for (const r of records) {
    if (r.kind !== 'panel-decision') continue;
    const panelId = idField(r.payload, 'panelId');
    const chairExpertId = idField(r.payload, 'chairExpertId');
    if (panelId === null || chairExpertId === null) {
      return {
        ok: false,
        code: 'invalid-payload',
        message: `评审组结论 ${r.id} 未写明评审组（panelId）或组长（chairExpertId）`,
      };
    }
    claims.push({ recordId: r.id, panelId, chairExpertId });
  }
  return { ok: true, claims };
}

/** A chair's signature found on a bundle: which key signed for which panel's chair. */
export interface ChairSigner {
  panelId: string;
  panelName: string;
  chairExpertId: string;
  chairName: string;
  keyid: string;
}

/**
 * Every decision in `records` must name a known panel, name that panel's chair, and the
 * bundle must carry a signature (`signedBy`, keyids that verified) of a key listed for that
 * chair. `signedBy` holds only keys whose keyid the caller checked against their bytes.
 */
export function checkChairSignatures(
  records: readonly ResultRecord[],
  signedBy: readonly string[],
  chairs: ReadonlyMap<string, PanelChair>,
): { ok: true; chairSigners: ChairSigner[] } | ChairFailure {
  const claimed = decisionClaims(records);
  if (!claimed.ok) return claimed;
  const signed = new Set(signedBy);
  const found = new Map<string, ChairSigner>();
  for (const c of claimed.claims) {
    const panel = chairs.get(c.panelId);
    if (!panel) {
      return {
        ok: false,
        code: 'unknown-panel',
        message: `评审组结论 ${c.recordId} 所属的评审组 ${c.panelId} 不在平台下发的工作包中，无法核对组长签名`,
      };
    }
    if (panel.chairExpertId !== c.chairExpertId) {
      return {
        ok: false,
        code: 'chair-mismatch',
        message: `评审组结论 ${c.recordId} 署名组长 ${c.chairExpertId}，但${panel.panelName}的组长是${panel.chairName}（${panel.chairExpertId}）`,
      };
    }
    const key = panel.keys.find((k) => signed.has(k.keyid));
    if (!key) {
      return {
        ok: false,
        code: 'chair-signature-missing',
        message: `结果包含${panel.panelName}的评审组结论（${c.recordId}），但没有组长${panel.chairName}（${panel.chairExpertId}）登记密钥的签名`,
      };
    }
    found.set(c.panelId, { ...panelFacts(panel), keyid: key.keyid });
  }
  return { ok: true, chairSigners: [...found.values()] };
}

const panelFacts = (p: PanelChair) => ({
  panelId: p.panelId,
  panelName: p.panelName,
  chairExpertId: p.chairExpertId,
  chairName: p.chairName,
});
