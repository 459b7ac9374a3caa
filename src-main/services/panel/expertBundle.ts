// A panel chair imports the other experts' result bundles from a USB stick. A bundle counts
// only if every signature verifies with a key the work package enrolled for one of the
// panel's experts; the bundle verifier is the same one the intake uses, given only those keys.
import type { ExpertKey } from '../../../src-shared/records/records';
import { base64ToBytes } from '../../../src-shared/wire/envelope';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import { keyIdOf, type TrustedKeys } from '../crypto/ed25519';
import { verifyResultBundle } from '../bundles/verify';
import type { Failure } from '../../../src-shared/failure';

export interface PanelExpertKeys {
  expertId: string;
  keys: readonly ExpertKey[];
}

export type ExpertBundleResult =
  | {
      ok: true;
      bundleId: string;
      bundleHash: string;
      profileId: string;
      /** The panel experts whose keys signed the bundle (an expert's, maybe a co-signer's). */
      signerExpertIds: string[];
      /** Reviews and recusals it carried; other kinds are not the chair's to import. */
      records: ResultRecord[];
      otherRecords: number;
    }
  | Failure;

/** The listed keys whose keyid really is the hash of the key; a mislabelled one is ignored. */
export function trustedExpertKeys(experts: readonly PanelExpertKeys[]): {
  trusted: TrustedKeys;
  expertOfKey: Map<string, string>;
} {
  const trusted = new Map<string, Uint8Array>();
  const expertOfKey = new Map<string, string>();
  for (const e of experts) {
    for (const k of e.keys) {
      const raw = base64ToBytes(k.publicKey);
      if (raw.byteLength !== 32 || keyIdOf(raw) !== k.keyid) continue;
      trusted.set(k.keyid, raw);
      expertOfKey.set(k.keyid, e.expertId);
    }
  }
  return { trusted, expertOfKey };
}

export async function verifyExpertBundle(
  bytes: Uint8Array,
  experts: readonly PanelExpertKeys[],
  fileName: string,
): Promise<ExpertBundleResult> {
  const { trusted, expertOfKey } = trustedExpertKeys(experts);
  const verified = await verifyResultBundle(bytes, { trusted });
  if (!verified.ok) {
    if (verified.code === 'unknown-key') {
      return {
        ok: false,
        code: 'panel/unlisted-key',
        message: `${fileName}：结果包不是由工作包为本评审组专家登记的密钥签名的，已拒绝导入`,
        ...(verified.detail !== undefined ? { detail: verified.detail } : {}),
      };
    }
    return {
      ok: false,
      code: `panel/${verified.code}`,
      message: `${fileName}：${verified.message}`,
      ...(verified.detail !== undefined ? { detail: verified.detail } : {}),
    };
  }
  const signerExpertIds = [
    ...new Set(verified.signedBy.map((k) => expertOfKey.get(k)).filter((e) => e !== undefined)),
  ];
  const records = verified.records.filter((r) => r.kind === 'review' || r.kind === 'conflict');
  return {
    ok: true,
    bundleId: verified.manifest.bundleId,
    bundleHash: verified.bundleHash,
    profileId: verified.manifest.profileId,
    signerExpertIds,
    records,
    otherRecords: verified.records.length - records.length,
  };
}
