// Who signs the chair's bundle. Every bundle is signed by its profile's key; a bundle holding
// panel decisions must also carry the chair's signature: a key the work package lists for the
// expert who chairs each decision's panel (src-shared/panel/chairSignature.ts). A real profile
// holds one key, so the platform must have listed that very key for the chair; a demo profile
// co-signs with the demo chair's key (public seed, listed in the demo package). Anything else
// is refused before signing: a bundle the platform would refuse is never built.
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import {
  decisionClaims,
  type ChairSignatureCode,
  type PanelChair,
} from '../../../src-shared/panel/chairSignature';
import { demoExpertKey } from '../keys/demoExpertKeys';
import { signerFromKey, type Signer } from '../keys/signer';
import { chairRegistry } from './chairRegistry';

export type ChairSignersResult =
  | { ok: true; signers: Signer[] }
  | {
      ok: false;
      code: ChairSignatureCode | 'chair-key-missing';
      message: string;
    };

export function bundleSigners(
  records: readonly ResultRecord[],
  chairs: readonly PanelChair[],
  own: Signer,
  demo: boolean,
): ChairSignersResult {
  const claimed = decisionClaims(records);
  if (!claimed.ok) return claimed;
  const { byPanel } = chairRegistry(chairs);
  const signers = new Map<string, Signer>([[own.keyid, own]]);
  for (const c of claimed.claims) {
    const panel = byPanel.get(c.panelId);
    if (!panel) {
      return {
        ok: false,
        code: 'unknown-panel',
        message: `评审组结论 ${c.recordId} 所属的评审组 ${c.panelId} 不在已导入的工作包中`,
      };
    }
    if (panel.chairExpertId !== c.chairExpertId) {
      return {
        ok: false,
        code: 'chair-mismatch',
        message: `评审组结论 ${c.recordId} 署名组长 ${c.chairExpertId}，但工作包中${panel.panelName}的组长是${panel.chairName}`,
      };
    }
    const listed = new Set(panel.keys.map((k) => k.keyid));
    if ([...signers.keys()].some((k) => listed.has(k))) continue;
    const demoKey = demo ? demoExpertKey(c.chairExpertId) : null;
    if (demoKey && listed.has(demoKey.keyid)) {
      signers.set(demoKey.keyid, signerFromKey(demoKey));
      continue;
    }
    return {
      ok: false,
      code: 'chair-key-missing',
      message: `本用户的签名密钥不是工作包为${panel.panelName}组长${panel.chairName}登记的密钥，评审组结论无法由组长签署；请将本用户的注册申请交平台为组长登记此密钥，再导入平台更新的工作包`,
    };
  }
  return { ok: true, signers: [...signers.values()] };
}
