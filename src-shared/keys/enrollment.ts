// Enrollment ties a local profile's key to the platform and pins the platform's keys.
// The workstation sends a request signed by the profile key; the platform answers with a
// reply signed by a platform key that lists the platform keys to trust, each with a validity
// window. Later replies rotate keys, but only when signed by a key that is pinned and valid
// now, and only if newer than the last reply applied (an old reply cannot resurrect a key).
import { z } from 'zod';
import { roleSchema } from '../profiles/profileSchema';
import { base64ToBytes } from '../wire/envelope';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';

export const ENROLLMENT_SCHEMA_VERSION = 1;

const rawKeyBase64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '公钥须为 32 字节的 base64');

export const enrollmentRequestSchema = z.object({
  schemaVersion: z.literal(ENROLLMENT_SCHEMA_VERSION),
  profileId: recordId,
  name: z.string().min(1).max(40),
  role: roleSchema,
  district: z.string().max(40),
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: rawKeyBase64,
  keyid: sha256Hex,
  createdAt: isoInstant,
});
export type EnrollmentRequest = z.infer<typeof enrollmentRequestSchema>;

export const platformKeySchema = z.object({
  keyid: sha256Hex,
  publicKey: rawKeyBase64,
  notBefore: isoInstant,
  notAfter: isoInstant,
});
export type PlatformKey = z.infer<typeof platformKeySchema>;

export const enrollmentReplySchema = z.object({
  schemaVersion: z.literal(ENROLLMENT_SCHEMA_VERSION),
  issuer: z.string().min(1).max(200),
  profileId: recordId,
  /** The workstation key the platform enrolled: a reply for someone else's key is refused. */
  workstationKeyid: sha256Hex,
  issuedAt: isoInstant,
  platformKeys: z.array(platformKeySchema).min(1),
  retireKeyIds: z.array(sha256Hex).default([]),
});
export type EnrollmentReply = z.infer<typeof enrollmentReplySchema>;
export type EnrollmentReplyInput = z.input<typeof enrollmentReplySchema>;

export const pinnedKeySchema = platformKeySchema.extend({
  retiredAt: isoInstant.optional(),
  /**
   * Key rotation: the pinned, active platform keys that signed the later reply which first
   * listed this key. The new key succeeds them, so it may update packages they signed. Absent
   * for keys pinned at first enrollment (nothing vouched for them but the person's check).
   */
  announcedBy: z.array(sha256Hex).max(16).optional(),
});
export type PinnedKey = z.infer<typeof pinnedKeySchema>;

export const trustStoreSchema = z.object({
  schemaVersion: z.literal(ENROLLMENT_SCHEMA_VERSION),
  profileId: recordId,
  workstationKeyid: sha256Hex,
  issuer: z.string().min(1),
  lastReplyIssuedAt: isoInstant,
  platformKeys: z.array(pinnedKeySchema),
});
export type TrustStore = z.infer<typeof trustStoreSchema>;

export type EnrollmentError = {
  ok: false;
  code: 'enrollment-mismatch' | 'enrollment-stale' | 'enrollment-untrusted' | 'enrollment-invalid';
  message: string;
  /** For support only (behind 详情): the key ids or profile id the sentence speaks of. */
  detail?: string;
};

const ms = (iso: string) => Date.parse(iso);
const signedByDetail = (signedBy: readonly string[]) =>
  `回复的签名密钥指纹：${signedBy.length > 0 ? signedBy.join('、') : '（无）'}`;

export function isKeyActive(key: PinnedKey, now: Date): boolean {
  const t = now.getTime();
  if (key.retiredAt !== undefined && ms(key.retiredAt) <= t) return false;
  return ms(key.notBefore) <= t && t < ms(key.notAfter);
}

/** Platform keys to verify signatures with at `now`: pinned, inside their window, not retired. */
export function activePlatformKeys(store: TrustStore, now: Date): Map<string, Uint8Array> {
  return new Map(
    store.platformKeys
      .filter((k) => isKeyActive(k, now))
      .map((k) => [k.keyid, base64ToBytes(k.publicKey)]),
  );
}

/**
 * Keys a reply's signatures are checked against: on first enrollment the keys the reply itself
 * lists (trust on first use, confirmed by fingerprint), afterwards the pinned active keys plus
 * the reply's new keys (a new key may co-sign, but a pinned key must sign too).
 */
export function replyVerificationKeys(
  store: TrustStore | null,
  reply: EnrollmentReply,
  now: Date,
): Map<string, Uint8Array> {
  const keys = store ? activePlatformKeys(store, now) : new Map<string, Uint8Array>();
  for (const k of reply.platformKeys)
    if (!keys.has(k.keyid)) keys.set(k.keyid, base64ToBytes(k.publicKey));
  return keys;
}

export interface ApplyReplyContext {
  profileId: string;
  workstationKeyid: string;
  now: Date;
  /** Keyids that verified on the reply's envelope. */
  signedBy: readonly string[];
  /** First enrollment only: the platform key fingerprint the user was given out of band. */
  expectedKeyid?: string;
}

export type ApplyReplyResult =
  { ok: true; store: TrustStore; added: string[]; retired: string[] } | EnrollmentError;

/** Pure trust-store transition for a reply whose envelope signatures have already verified. */
export function applyEnrollmentReply(
  store: TrustStore | null,
  reply: EnrollmentReply,
  ctx: ApplyReplyContext,
): ApplyReplyResult {
  // Key ids and profile ids mean nothing to the person: the sentence names the key by its role
  // (平台密钥, the fingerprint they typed), the ids go to 详情.
  const err = (code: EnrollmentError['code'], message: string, detail?: string): EnrollmentError =>
    detail === undefined ? { ok: false, code, message } : { ok: false, code, message, detail };
  if (reply.profileId !== ctx.profileId)
    return err(
      'enrollment-mismatch',
      '注册回复是发给另一个用户档案的，不是本档案的',
      `回复中的用户档案编号：${reply.profileId}`,
    );
  if (reply.workstationKeyid !== ctx.workstationKeyid)
    return err('enrollment-mismatch', '注册回复登记的不是本档案的签名密钥');
  for (const k of reply.platformKeys) {
    if (ms(k.notAfter) <= ms(k.notBefore))
      return err(
        'enrollment-invalid',
        '注册回复中有一把平台密钥的有效期不正确（结束不晚于开始）',
        `平台密钥指纹：${k.keyid}`,
      );
  }

  if (store === null) {
    const listed = new Map(reply.platformKeys.map((k) => [k.keyid, k] as const));
    const signer = ctx.signedBy.find((id) => {
      const k = listed.get(id);
      return k !== undefined && isKeyActive(k, ctx.now);
    });
    if (signer === undefined)
      return err(
        'enrollment-untrusted',
        '注册回复不是由其中列出的、当前有效的平台密钥签名',
        signedByDetail(ctx.signedBy),
      );
    if (ctx.expectedKeyid !== undefined && !ctx.signedBy.includes(ctx.expectedKeyid)) {
      return err(
        'enrollment-untrusted',
        '注册回复不是由您输入指纹的那把平台密钥签名的，请与平台核对指纹',
        `输入的平台密钥指纹：${ctx.expectedKeyid}\n${signedByDetail(ctx.signedBy)}`,
      );
    }
    const retire = new Set(reply.retireKeyIds);
    return {
      ok: true,
      store: {
        schemaVersion: ENROLLMENT_SCHEMA_VERSION,
        profileId: reply.profileId,
        workstationKeyid: reply.workstationKeyid,
        issuer: reply.issuer,
        lastReplyIssuedAt: reply.issuedAt,
        platformKeys: reply.platformKeys.filter((k) => !retire.has(k.keyid)),
      },
      added: reply.platformKeys.filter((k) => !retire.has(k.keyid)).map((k) => k.keyid),
      retired: [],
    };
  }

  if (reply.issuer !== store.issuer)
    return err(
      'enrollment-mismatch',
      `注册回复的签发方 ${reply.issuer} 与已登记的 ${store.issuer} 不同`,
    );
  if (ms(reply.issuedAt) <= ms(store.lastReplyIssuedAt)) {
    return err('enrollment-stale', '该注册回复不晚于已导入的回复，可能是旧文件被重放');
  }
  const active = activePlatformKeys(store, ctx.now);
  if (!ctx.signedBy.some((id) => active.has(id))) {
    return err(
      'enrollment-untrusted',
      '注册回复没有当前已信任且在有效期内的平台密钥签名',
      signedByDetail(ctx.signedBy),
    );
  }

  const byId = new Map<string, PinnedKey>(store.platformKeys.map((k) => [k.keyid, { ...k }]));
  const added: string[] = [];
  // Only keys this profile already trusted vouch for a new one (a new key may co-sign, but
  // it cannot announce itself).
  const vouchers = ctx.signedBy.filter((id) => active.has(id));
  for (const k of reply.platformKeys) {
    const known = byId.get(k.keyid);
    if (known?.retiredAt !== undefined)
      return err(
        'enrollment-invalid',
        '注册回复要重新启用一把已停用的平台密钥，已拒绝',
        `平台密钥指纹：${k.keyid}`,
      );
    if (!known) added.push(k.keyid);
    const announcedBy = known ? known.announcedBy : vouchers.filter((id) => id !== k.keyid);
    byId.set(k.keyid, { ...k, ...(announcedBy?.length ? { announcedBy } : {}) });
  }
  const retired: string[] = [];
  for (const id of reply.retireKeyIds) {
    const known = byId.get(id);
    if (!known)
      return err(
        'enrollment-invalid',
        '注册回复要停用的平台密钥不是本机登记的平台密钥',
        `要停用的平台密钥指纹：${id}`,
      );
    if (known.retiredAt === undefined) {
      known.retiredAt = reply.issuedAt;
      retired.push(id);
    }
  }
  const next: TrustStore = {
    ...store,
    lastReplyIssuedAt: reply.issuedAt,
    platformKeys: [...byId.values()],
  };
  if (activePlatformKeys(next, ctx.now).size === 0)
    return err('enrollment-invalid', '应用该回复后将没有任何有效的平台密钥，已拒绝');
  return { ok: true, store: next, added, retired };
}

/**
 * Every key the given keys succeed through the profile's rotations (announcedBy, followed back
 * transitively), not including the keys themselves. A package update signed by a successor of
 * the key that signed the stored version is a rotation the platform signed, not another signer.
 */
export function predecessorsOf(store: TrustStore | null, keyids: readonly string[]): string[] {
  if (!store) return [];
  const byId = new Map(store.platformKeys.map((k) => [k.keyid, k]));
  const seen = new Set<string>(keyids);
  const out: string[] = [];
  const queue = [...keyids];
  while (queue.length > 0) {
    for (const prev of byId.get(queue.shift()!)?.announcedBy ?? []) {
      if (seen.has(prev)) continue;
      seen.add(prev);
      out.push(prev);
      queue.push(prev);
    }
  }
  return out.sort();
}
