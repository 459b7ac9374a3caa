// How long a profile stays closed to passphrase guesses. The scrypt cost alone lets someone at
// the keyboard try several passphrases a second; after a few honest typos the wait doubles, so a
// guessing run stalls within minutes while a person who mistyped twice never notices.
export const FREE_ATTEMPTS = 5;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** The wait imposed after `failures` wrong passphrases in a row (0 while still free). */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface AttemptRecord {
  failures: number;
  /** Epoch ms before which no attempt is even checked. */
  blockedUntil: number;
}

export type AttemptGate = { allowed: true } | { allowed: false; retryAfterMs: number };

export function gateAttempt(record: AttemptRecord | undefined, nowMs: number): AttemptGate {
  if (!record || record.blockedUntil <= nowMs) return { allowed: true };
  return { allowed: false, retryAfterMs: record.blockedUntil - nowMs };
}

export function afterFailure(record: AttemptRecord | undefined, nowMs: number): AttemptRecord {
  const failures = (record?.failures ?? 0) + 1;
  return { failures, blockedUntil: nowMs + waitAfter(failures) };
}

/** Whole seconds, rounded up, for the message the person reads. */
export function retryMessage(retryAfterMs: number): string {
  const s = Math.ceil(retryAfterMs / 1000);
  const wait = s >= 60 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`;
  return `口令错误次数过多，请 ${wait} 后再试`;
}
