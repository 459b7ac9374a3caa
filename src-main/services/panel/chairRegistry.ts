// The panels a verifier knows (from the work packages the platform issued), as the chair check
// needs them: each panel's chair with only the listed keys whose keyid really is the hash of
// the key, and those keys as trusted co-signers. A mislabelled listed key is ignored, so it can
// neither sign nor count as the chair's.
import type { WorkPackageManifest } from '../../../src-shared/records/records';
import { base64ToBytes } from '../../../src-shared/wire/envelope';
import { panelChairsOf, type PanelChair } from '../../../src-shared/panel/chairSignature';
import { keyIdOf, type TrustedKeys } from '../crypto/ed25519';

export interface ChairRegistry {
  /** Panel id → its chair; a later package's panel of the same id replaces an earlier one's. */
  byPanel: ReadonlyMap<string, PanelChair>;
  /** The chairs' listed keys, to be trusted as co-signers of a bundle. */
  keys: TrustedKeys;
}

export function chairRegistry(chairs: readonly PanelChair[]): ChairRegistry {
  const byPanel = new Map<string, PanelChair>();
  const keys = new Map<string, Uint8Array>();
  for (const c of chairs) {
    const valid = c.keys.filter((k) => {
      const raw = base64ToBytes(k.publicKey);
      if (raw.byteLength !== 32 || keyIdOf(raw) !== k.keyid) return false;
      keys.set(k.keyid, raw);
      return true;
    });
    byPanel.set(c.panelId, { ...c, keys: valid });
  }
  return { byPanel, keys };
}

/** The chairs of every panel in these packages, oldest version first so the newest wins. */
export function chairRegistryOf(manifests: readonly WorkPackageManifest[]): ChairRegistry {
  const ordered = [...manifests].sort((a, b) => a.version - b.version);
  return chairRegistry(ordered.flatMap((m) => panelChairsOf(m.packageId, m.records)));
}
