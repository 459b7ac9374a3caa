// Enrollment files on the workstation side: the request we export and the platform's reply
// we import into the profile's trust store (pinned platform keys, with rotation).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { base64ToBytes, bytesToBase64, PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  ENROLLMENT_SCHEMA_VERSION,
  activePlatformKeys,
  applyEnrollmentReply,
  enrollmentReplySchema,
  replyVerificationKeys,
  trustStoreSchema,
  type EnrollmentRequest,
  type TrustStore,
} from '../../../src-shared/keys/enrollment';
import type { Role } from '../../../src-shared/profiles/roles';
import { keyIdOf } from '../crypto/ed25519';
import { openSignedJson, parseEnvelopeText, peekPayload } from '../crypto/signedJson';
import { readJsonFile, writeFileAtomic } from '../../common/atomicFile';
import type { Signer } from './signer';
import type { Failure } from '../../../src-shared/failure';

export interface ProfileIdentity {
  id: string;
  name: string;
  role: Role;
  district: string;
}

/** The request file's text (a signed envelope, JSON); its file name is exportName's call. */
export function exportEnrollmentRequest(
  signer: Signer,
  profile: ProfileIdentity,
  now: Date = new Date(),
): { ok: true; text: string; request: EnrollmentRequest } {
  const request: EnrollmentRequest = {
    schemaVersion: ENROLLMENT_SCHEMA_VERSION,
    profileId: profile.id,
    name: profile.name,
    role: profile.role,
    district: profile.district,
    publicKey: bytesToBase64(signer.publicKeyRaw),
    keyid: signer.keyid,
    createdAt: now.toISOString(),
  };
  const envelope = signer.sign(
    PAYLOAD_TYPES.enrollmentRequest,
    new TextEncoder().encode(JSON.stringify(request)),
  );
  return {
    ok: true,
    text: JSON.stringify(envelope, null, 2),
    request,
  };
}

export function trustFile(dir: string, profileId: string): string {
  return path.join(
    dir,
    `profile-${createHash('sha256').update(profileId).digest('hex').slice(0, 32)}.trust.json`,
  );
}

export type TrustError = Failure;

export async function loadTrustStore(
  dir: string,
  profileId: string,
): Promise<{ ok: true; store: TrustStore | null } | TrustError> {
  let raw: unknown;
  try {
    raw = await readJsonFile(trustFile(dir, profileId));
  } catch {
    return {
      ok: false,
      code: 'trust-store-corrupt',
      message: '平台信任文件已损坏，请重新导入注册回复',
    };
  }
  if (raw === null) return { ok: true, store: null };
  const parsed = trustStoreSchema.safeParse(raw);
  if (!parsed.success || parsed.data.profileId !== profileId) {
    return {
      ok: false,
      code: 'trust-store-corrupt',
      message: '平台信任文件已损坏或不属于该用户档案',
    };
  }
  return { ok: true, store: parsed.data };
}

/** Platform keys valid at `now` for this profile, for verifying receipts and packages. */
export async function platformTrust(
  dir: string,
  profileId: string,
  now: Date = new Date(),
): Promise<{ ok: true; keys: Map<string, Uint8Array>; store: TrustStore } | TrustError> {
  const loaded = await loadTrustStore(dir, profileId);
  if (!loaded.ok) return loaded;
  if (!loaded.store)
    return {
      ok: false,
      code: 'not-enrolled',
      message: '该用户档案尚未注册到管理平台，请先导入注册回复',
    };
  return { ok: true, keys: activePlatformKeys(loaded.store, now), store: loaded.store };
}

export interface ImportReplyInput {
  /** Folder of the trust stores (the key store folder). */
  dir: string;
  profileId: string;
  /** The profile's own key id: a reply enrolling another key is refused. */
  workstationKeyid: string;
  /** The reply file's content. */
  text: string | Uint8Array;
  now?: Date;
  /** First enrollment: platform key fingerprint (keyid) the user was given on paper or by phone. */
  expectedKeyid?: string;
}

/**
 * Verifies an enrollment reply and applies it to the profile's trust store: first reply pins
 * the platform keys; later replies rotate them when signed by a key pinned and valid now.
 */
export async function importEnrollmentReply(
  input: ImportReplyInput,
): Promise<{ ok: true; store: TrustStore; added: string[]; retired: string[] } | TrustError> {
  const now = input.now ?? new Date();
  const env = parseEnvelopeText(input.text, '注册回复文件');
  if (!env.ok) return env;
  const peek = peekPayload(env.envelope, enrollmentReplySchema);
  if (!peek) return { ok: false, code: 'invalid-payload', message: '注册回复文件的内容格式不正确' };
  for (const k of peek.platformKeys) {
    const raw = base64ToBytes(k.publicKey);
    if (raw.length !== 32 || keyIdOf(raw) !== k.keyid) {
      return {
        ok: false,
        code: 'invalid-payload',
        message: '注册回复中有一把平台密钥的指纹与公钥不符，文件可能已损坏或被改动',
        detail: `平台密钥指纹：${k.keyid}`,
      };
    }
  }
  const loaded = await loadTrustStore(input.dir, input.profileId);
  if (!loaded.ok) return loaded;
  const keys = replyVerificationKeys(loaded.store, peek, now);
  const opened = openSignedJson(
    env.envelope,
    PAYLOAD_TYPES.enrollmentReply,
    keys,
    enrollmentReplySchema,
    '注册回复文件',
  );
  if (!opened.ok) {
    if (opened.code === 'unknown-key' && loaded.store) {
      return {
        ok: false,
        code: 'enrollment-untrusted',
        message: '注册回复不是由本机登记、当前有效的平台密钥签名的',
        ...(opened.detail !== undefined ? { detail: opened.detail } : {}),
      };
    }
    return opened;
  }
  const applied = applyEnrollmentReply(loaded.store, opened.value, {
    profileId: input.profileId,
    workstationKeyid: input.workstationKeyid,
    now,
    signedBy: opened.signedBy,
    ...(input.expectedKeyid !== undefined ? { expectedKeyid: input.expectedKeyid } : {}),
  });
  if (!applied.ok) return applied;
  try {
    await writeFileAtomic(
      trustFile(input.dir, input.profileId),
      JSON.stringify(applied.store, null, 2),
    );
  } catch (e) {
    return {
      ok: false,
      code: 'io-error',
      message: `无法保存平台信任文件：${(e as Error).message}`,
    };
  }
  return applied;
}
