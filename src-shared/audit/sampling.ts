// 抽取样本 (通知 四（一）): which of a class's live sessions the district watches. The draw must
// be redone by the platform from the recorded seed alone, so every step is fixed and written out
// in docs/formats.md ("Drawing a live sample"): SHA-256 seed → xoshiro128** → Fisher–Yates
// shuffle of the sessions in id order → the shortest prefix that covers the target share.
// The SHA-256 itself is computed by the caller (WebCrypto in the renderer, node:crypto in main
// and tests): src-shared stays free of both, and never hand-rolls a hash.
import { z } from 'zod';
import { recordId } from '../wire/primitives';
import type { Failure } from '../failure';

export const SAMPLE_ALGORITHM = 'qh-live-sample-v1';
/** 通知 四（一）: at least 10 % of each class's live hours. Kept as an integer percentage so the
 *  coverage test is exact integer arithmetic on every implementation. */
export const DEFAULT_SAMPLE_PERCENT = 10;

/** The bytes whose SHA-256 seeds the draw: UTF-8 of `packageId|classId|auditorSeed`. */
export function sampleSeedText(packageId: string, classId: string, auditorSeed: string): string {
  return `${packageId}|${classId}|${auditorSeed}`;
}

/**
 * xoshiro128** (Blackman & Vigna, 2018), 32-bit state words. Seeded from the first 16 bytes of
 * the SHA-256 as four little-endian uint32 words. An all-zero state (probability 2^-128) cannot
 * advance, so it is replaced by the words 1, 0, 0, 0.
 */
export class Xoshiro128ss {
  private s: Uint32Array;

  constructor(digest: Uint8Array) {
    if (digest.length < 16) throw new Error('seed digest must have at least 16 bytes');
    const view = new DataView(digest.buffer, digest.byteOffset, 16);
    this.s = new Uint32Array([
      view.getUint32(0, true),
      view.getUint32(4, true),
      view.getUint32(8, true),
      view.getUint32(12, true),
    ]);
    if (this.s.every((w) => w === 0)) this.s[0] = 1;
  }

  /** The next uint32. */
  next(): number {
    let [s0, s1, s2, s3] = this.s as unknown as [number, number, number, number];
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    this.s.set([s0, s1, s2, s3]);
    return result;
  }

  /** Uniform in [0, n) by rejection: values at or above the largest multiple of n are redrawn. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new Error(`bad bound ${n}`);
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = this.next();
      if (x < limit) return x % n;
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export interface SampleSession {
  id: string;
  minutes: number;
}

export interface DrawnSample {
  /** Drawn session ids, in draw order. */
  drawnSessionIds: string[];
  drawnMinutes: number;
  liveMinutes: number;
}

/** Code-unit order, the same in every language that compares UTF-16 strings (and ASCII ids). */
function byId(a: SampleSession, b: SampleSession): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Draws live sessions covering at least `percent` % of the live minutes. Deterministic in
 * (sessions as a set, digest, percent): the sessions are put in id order first, so the order
 * they arrive in does not matter.
 */
export function drawSample(
  sessions: readonly SampleSession[],
  digest: Uint8Array,
  percent: number = DEFAULT_SAMPLE_PERCENT,
): DrawnSample {
  const order = [...sessions].sort(byId);
  const rng = new Xoshiro128ss(digest);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const liveMinutes = order.reduce((a, s) => a + s.minutes, 0);
  const drawn: string[] = [];
  let minutes = 0;
  for (const s of order) {
    if (covers(minutes, liveMinutes, percent)) break;
    drawn.push(s.id);
    minutes += s.minutes;
  }
  return { drawnSessionIds: drawn, drawnMinutes: minutes, liveMinutes };
}

/** minutes ≥ percent % of total, in integers (no 0.1 rounding). */
export function covers(minutes: number, total: number, percent: number): boolean {
  return minutes * 100 >= total * percent;
}

export const samplingPlanPayloadSchema = z
  .object({
    algorithm: z.literal(SAMPLE_ALGORITHM),
    packageId: recordId,
    classId: recordId,
    /** What the auditor typed (or accepted) as the seed; recorded so anyone can redraw. */
    auditorSeed: z.string().min(1).max(64),
    percent: z.number().int().min(1).max(100),
    /** The live sessions the draw ran over, in id order, with the minutes as filed. */
    liveSessions: z.array(z.object({ id: recordId, minutes: z.number().int().positive() })),
    liveMinutes: z.number().int().min(0),
    drawnSessionIds: z.array(recordId),
    drawnMinutes: z.number().int().min(0),
    /** Sessions the auditor added on top of the draw; the draw itself is never reduced. */
    addedSessionIds: z.array(recordId),
    profileId: recordId.optional(),
  })
  .strict();
export type SamplingPlanPayload = z.infer<typeof samplingPlanPayloadSchema>;

export type SampleCheck = { ok: true } | Failure;

/** Redraws from the recorded seed and compares: what the platform runs on a received plan. */
export function verifySamplingPlan(plan: SamplingPlanPayload, digest: Uint8Array): SampleCheck {
  const again = drawSample(plan.liveSessions, digest, plan.percent);
  if (
    again.drawnSessionIds.length !== plan.drawnSessionIds.length ||
    again.drawnSessionIds.some((id, i) => plan.drawnSessionIds[i] !== id)
  )
    return {
      ok: false,
      code: 'sample-mismatch',
      message: `班级 ${plan.classId} 的抽查样本与种子「${plan.auditorSeed}」重抽结果不一致`,
    };
  return { ok: true };
}

/**
 * A change to a plan: sessions may be added, never removed, and the draw itself never changes.
 * Returns the plan to store, or why the change is refused.
 */
export function changeSample(
  previous: SamplingPlanPayload,
  addedSessionIds: readonly string[],
): { ok: true; plan: SamplingPlanPayload } | Failure {
  const live = new Set(previous.liveSessions.map((s) => s.id));
  const drawn = new Set(previous.drawnSessionIds);
  const dropped = previous.addedSessionIds.filter((id) => !addedSessionIds.includes(id));
  if (dropped.length)
    return {
      ok: false,
      code: 'sample-remove',
      message: `已列入样本的场次不能移除：${dropped.join('、')}`,
    };
  const unknown = addedSessionIds.filter((id) => !live.has(id));
  if (unknown.length)
    return {
      ok: false,
      code: 'sample-unknown-session',
      message: `不是班级 ${previous.classId} 的直播场次：${unknown.join('、')}`,
    };
  const added = [...new Set(addedSessionIds)].filter((id) => !drawn.has(id));
  return { ok: true, plan: { ...previous, addedSessionIds: added } };
}

/** Every session in the sample: drawn first (draw order), then added ones. */
export function sampledSessionIds(plan: SamplingPlanPayload): string[] {
  return [...plan.drawnSessionIds, ...plan.addedSessionIds];
}

/** A plan from a fresh draw. */
export function newSamplingPlan(args: {
  packageId: string;
  classId: string;
  auditorSeed: string;
  sessions: readonly SampleSession[];
  digest: Uint8Array;
  percent?: number;
  profileId?: string;
}): SamplingPlanPayload {
  const percent = args.percent ?? DEFAULT_SAMPLE_PERCENT;
  const liveSessions = [...args.sessions].sort(byId).map((s) => ({ id: s.id, minutes: s.minutes }));
  const d = drawSample(liveSessions, args.digest, percent);
  return {
    algorithm: SAMPLE_ALGORITHM,
    packageId: args.packageId,
    classId: args.classId,
    auditorSeed: args.auditorSeed,
    percent,
    liveSessions,
    liveMinutes: d.liveMinutes,
    drawnSessionIds: d.drawnSessionIds,
    drawnMinutes: d.drawnMinutes,
    addedSessionIds: [],
    ...(args.profileId ? { profileId: args.profileId } : {}),
  };
}
