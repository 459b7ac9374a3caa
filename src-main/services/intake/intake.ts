// The reference intake: the platform side of sync, for integrators and for our tests. It
// verifies bundles with exactly the routine the workstation uses (verifyResultBundle), keeps
// each profile's chain strictly sequential, and answers every accepted bundle — including a
// re-post of one it already has — with the same signed receipt.
import { randomUUID } from 'node:crypto';
import { base64ToBytes, bytesToBase64, PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  ENROLLMENT_SCHEMA_VERSION,
  type EnrollmentReply,
  type EnrollmentReplyInput,
  type PlatformKey,
} from '../../../src-shared/keys/enrollment';
import { RECEIPT_SCHEMA_VERSION, type Receipt } from '../../../src-shared/bundle/receipt';
import { signEnvelope, type SigningKey } from '../crypto/ed25519';
import { parseEnvelopeText } from '../crypto/signedJson';
import { openEnrollmentRequest } from '../keys/enrollmentRequest';
import { verifyResultBundle } from '../bundles/verify';
import { memoryStorage, type IntakeState, type IntakeStorage } from './state';
import { limitConcurrency, serialQueue } from '../../common/serialQueue';
import type { ZipSource } from '../packages/zip';
import type { WorkPackageManifest } from '../../../src-shared/records/records';
import { chairRegistryOf } from '../panel/chairRegistry';

export interface PlatformSigningKey {
  key: SigningKey;
  notBefore: string;
  notAfter: string;
}

export interface IntakeOptions {
  /** The first key signs receipts and replies; all are listed in enrollment replies. */
  platformKeys: PlatformSigningKey[];
  storage?: IntakeStorage;
  issuer?: string;
  now?: () => Date;
  /**
   * A platform's real intake leaves this off and refuses bundles from demo profiles; a test or
   * training intake standing in for the demo may accept them.
   */
  acceptDemo?: boolean;
  /** Bundles verified at the same time (default 2: one per core of a small server). */
  maxConcurrentVerifications?: number;
  /**
   * The work packages this platform issued: their panels say who chairs each panel and with
   * which keys. A panel decision is accepted only with its chair's signature, so a bundle
   * holding decisions for a panel not listed here is refused (`unknown-panel`).
   */
  workPackages?: readonly WorkPackageManifest[];
}

export type IntakeFailure = { ok: false; status: number; code: string; message: string };
export type BundleAccepted = {
  ok: true;
  status: 200;
  duplicate: boolean;
  receiptText: string;
  receipt: Receipt;
};

export interface Intake {
  /**
   * Verifies a workstation's enrollment request and answers with a signed reply (JSON text).
   * A second, different key for an already enrolled profile is refused unless the operator
   * allows it: otherwise anyone able to post a request could sign bundles as that person.
   */
  enroll(
    requestText: string | Uint8Array,
    opts?: { allowAdditionalKey?: boolean },
  ): Promise<{ ok: true; replyText: string; reply: EnrollmentReply } | IntakeFailure>;
  /**
   * Verifies, chains and stores a .qhres bundle (bytes, or the path of a received file);
   * answers with the signed receipt (JSON text).
   */
  acceptBundle(source: ZipSource): Promise<BundleAccepted | IntakeFailure>;
  /** Record ids acknowledged per profile, in acceptance order (for tests and operators). */
  acknowledgedRecordIds(profileId: string): Promise<string[]>;
  platformKeyList(): PlatformKey[];
}

/** Refusals about who signed (403); everything else wrong with a bundle is 422. */
const FORBIDDEN: ReadonlySet<string> = new Set([
  'unknown-key',
  'signer-mismatch',
  'chair-mismatch',
  'chair-signature-missing',
]);

export const DEFAULT_ISSUER = '北京市创业启航培训管理平台（参考接收端）';

/** Signs an enrollment reply with the given platform keys (first signs, rest co-sign). */
export function signEnrollmentReply(
  reply: EnrollmentReplyInput,
  signers: readonly SigningKey[],
): string {
  return JSON.stringify(
    signEnvelope(PAYLOAD_TYPES.enrollmentReply, new TextEncoder().encode(JSON.stringify(reply)), [
      ...signers,
    ]),
    null,
    2,
  );
}

export function createIntake(opts: IntakeOptions): Intake {
  const storage = opts.storage ?? memoryStorage();
  const issuer = opts.issuer ?? DEFAULT_ISSUER;
  const now = opts.now ?? (() => new Date());
  const first = opts.platformKeys[0];
  if (!first) throw new Error('the intake needs at least one platform key');
  const signing: PlatformSigningKey = first;

  // One state change at a time: the chain check and the store must not interleave.
  const serial = serialQueue();
  const chairs = chairRegistryOf(opts.workPackages ?? []);

  const platformKeyList = (): PlatformKey[] =>
    opts.platformKeys.map((p) => ({
      keyid: p.key.keyid,
      publicKey: bytesToBase64(p.key.publicKeyRaw),
      notBefore: p.notBefore,
      notAfter: p.notAfter,
    }));

  const failure = (status: number, code: string, message: string): IntakeFailure => ({
    ok: false,
    status,
    code,
    message,
  });

  async function enroll(
    requestText: string | Uint8Array,
    enrollOpts: { allowAdditionalKey?: boolean } = {},
  ) {
    const opened = openEnrollmentRequest(requestText);
    if (!opened.ok) return failure(400, opened.code, opened.message);
    const req = opened.request;
    return serial(async () => {
      const state = await storage.load();
      const known = state.workstations[req.profileId];
      if (
        known &&
        !known.keys.some((k) => k.keyid === req.keyid) &&
        !enrollOpts.allowAdditionalKey
      ) {
        return failure(
          409,
          'profile-enrolled',
          `用户档案 ${req.profileId} 已登记了其他签名密钥；如确需更换，请由平台管理员确认后登记`,
        );
      }
      const ws = known
        ? { ...known, keys: [...known.keys] }
        : { name: req.name, role: req.role, district: req.district, keys: [] };
      if (!ws.keys.some((k) => k.keyid === req.keyid)) {
        ws.keys.push({
          keyid: req.keyid,
          publicKey: req.publicKey,
          enrolledAt: now().toISOString(),
        });
        await storage.apply({ kind: 'workstation', profileId: req.profileId, workstation: ws });
      }
      const reply: EnrollmentReply = {
        schemaVersion: ENROLLMENT_SCHEMA_VERSION,
        issuer,
        profileId: req.profileId,
        workstationKeyid: req.keyid,
        issuedAt: now().toISOString(),
        platformKeys: platformKeyList(),
        retireKeyIds: [],
      };
      return { ok: true as const, replyText: signEnrollmentReply(reply, [signing.key]), reply };
    });
  }

  function trustFrom(state: IntakeState) {
    // A chair's listed key may co-sign; only a profile's enrolled key makes a bundle its own.
    const trusted = new Map<string, Uint8Array>(chairs.keys);
    for (const ws of Object.values(state.workstations))
      for (const k of ws.keys) trusted.set(k.keyid, base64ToBytes(k.publicKey));
    return {
      trusted,
      profileKeyIds: (profileId: string) =>
        state.workstations[profileId]?.keys.map((k) => k.keyid) ?? [],
    };
  }

  // Verifying is the expensive part and needs no lock: it runs outside the serial section, a
  // few at a time so that a burst of uploads cannot take every core and all the memory. Only
  // the chain check and the state change are serial.
  const verifying = limitConcurrency(opts.maxConcurrentVerifications ?? 2);

  async function acceptBundle(source: ZipSource): Promise<BundleAccepted | IntakeFailure> {
    // Keys are only ever added, so a bundle that verifies against this snapshot still does.
    const verified = await verifying(async () =>
      // A received upload sits in a temp file whose name means nothing to the sender.
      verifyResultBundle(source, {
        ...trustFrom(await storage.load()),
        chairs: chairs.byPanel,
        name: '上传的结果包',
      }),
    );
    if (!verified.ok) {
      const status = FORBIDDEN.has(verified.code) ? 403 : 422;
      return failure(status, verified.code, verified.message);
    }
    return serial(async () => {
      const state = await storage.load();
      const { manifest, bundleHash } = verified;
      if (manifest.demo && !opts.acceptDemo) {
        return failure(
          422,
          'demo-bundle',
          '该结果包来自演示用户（演示数据，演示密钥公开），正式平台不接收；请用正式用户重新评审后发送',
        );
      }
      const seen = state.bundles[manifest.bundleId];
      if (seen) {
        if (seen.bundleHash === bundleHash) {
          return {
            ok: true,
            status: 200,
            duplicate: true,
            receiptText: seen.receipt,
            receipt: receiptOf(seen.receipt),
          };
        }
        return failure(409, 'replayed', `结果包 ${manifest.bundleId} 已以不同内容接收过，拒绝重放`);
      }
      const chain = state.chains[manifest.profileId] ?? { lastCounter: 0, lastHash: '' };
      if (manifest.counter <= chain.lastCounter) {
        return failure(
          409,
          'replayed',
          `用户档案 ${manifest.profileId} 的序号 ${manifest.counter} 已被其他结果包使用，拒绝重放`,
        );
      }
      if (manifest.counter > chain.lastCounter + 1) {
        return failure(
          409,
          'out-of-order',
          `结果包序号 ${manifest.counter} 跳号：平台期待序号 ${chain.lastCounter + 1}`,
        );
      }
      if ((manifest.previousBundleHash ?? '') !== chain.lastHash) {
        return failure(
          409,
          'out-of-order',
          `结果包的前序哈希与平台最后接收的结果包不符（序号 ${manifest.counter}）`,
        );
      }
      const receipt: Receipt = {
        schemaVersion: RECEIPT_SCHEMA_VERSION,
        receiptId: `r-${randomUUID()}`,
        issuer,
        bundleId: manifest.bundleId,
        bundleHash,
        profileId: manifest.profileId,
        counter: manifest.counter,
        acceptedRecordIds: verified.records.map((r) => r.id),
        receivedAt: now().toISOString(),
      };
      const receiptText = JSON.stringify(
        signEnvelope(PAYLOAD_TYPES.receipt, new TextEncoder().encode(JSON.stringify(receipt)), [
          signing.key,
        ]),
        null,
        2,
      );
      // Bundle bytes first, state second: a crash in between leaves an orphan file, never
      // a receipt for a bundle we do not hold.
      await storage.storeBundle(bundleHash, source);
      await storage.apply({
        kind: 'bundle',
        bundleId: manifest.bundleId,
        bundle: {
          bundleHash,
          profileId: manifest.profileId,
          counter: manifest.counter,
          recordIds: receipt.acceptedRecordIds,
          receipt: receiptText,
          storedAt: receipt.receivedAt,
        },
        chain: { lastCounter: manifest.counter, lastHash: bundleHash },
      });
      return { ok: true, status: 200, duplicate: false, receiptText, receipt };
    });
  }

  function receiptOf(text: string): Receipt {
    const env = parseEnvelopeText(text, '回执');
    if (!env.ok) throw new Error('stored receipt is unreadable');
    return JSON.parse(new TextDecoder().decode(base64ToBytes(env.envelope.payload))) as Receipt;
  }

  async function acknowledgedRecordIds(profileId: string): Promise<string[]> {
    const state = await storage.load();
    return Object.values(state.bundles)
      .filter((b) => b.profileId === profileId)
      .sort((a, b) => a.counter - b.counter)
      .flatMap((b) => b.recordIds);
  }

  return { enroll, acceptBundle, acknowledgedRecordIds, platformKeyList };
}
