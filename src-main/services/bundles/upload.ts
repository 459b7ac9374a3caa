// Uploading a bundle to the platform. Re-posting the same bytes is always safe (the intake is
// idempotent and answers a known bundle with its original receipt), so "resume" is simply
// posting the pending bundle again; success is reported only once a receipt verifies.
import type { Receipt, SentBundle } from '../../../src-shared/bundle/receipt';
import type { TrustedKeys } from '../crypto/ed25519';
import { acceptReceipt, pendingBundle, type ReceiptAccepted } from './outbox';
import { verifyReceipt } from './receipts';

export interface RetryOptions {
  /** Total tries including the first. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Cancel: stops the try in flight and the wait before the next; the bundle stays pending. */
  signal?: AbortSignal;
  onAttempt?: (info: {
    attempt: number;
    error?: { code: string; message: string };
    nextDelayMs?: number;
  }) => void;
}

export interface UploadInput extends RetryOptions {
  /** Platform base URL from settings, e.g. 'https://platform.example/qihang'. */
  url: string;
  bytes: Uint8Array;
  sent: SentBundle;
  platformKeys: TrustedKeys;
}

export type UploadResult =
  | { ok: true; receipt: Receipt; receiptText: string; attempts: number }
  | { ok: false; code: string; message: string; attempts: number; retryable: boolean };

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const CANCELLED = { code: 'cancelled', message: '已取消上传，结果包仍保存在本机，稍后可继续上传' };

/** The wait before the next try, cut short by a cancel. */
function sleepUnlessAborted(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!signal) return sleep(ms);
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void sleep(ms).then(done);
  });
}

type AttemptOutcome =
  | { kind: 'done'; receipt: Receipt; receiptText: string }
  | { kind: 'retry'; code: string; message: string }
  | { kind: 'fatal'; code: string; message: string };

async function attemptOnce(input: UploadInput, timeoutMs: number): Promise<AttemptOutcome> {
  let res: Response;
  let body: string;
  try {
    res = await fetch(
      new URL('v1/bundles', input.url.endsWith('/') ? input.url : `${input.url}/`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: input.bytes as Uint8Array<ArrayBuffer>,
        // A redirect would carry the bundle (personal data) wherever the answer points:
        // followed never, reported as a wrong platform address.
        redirect: 'manual',
        signal: input.signal
          ? AbortSignal.any([input.signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs),
      },
    );
    body = await res.text();
  } catch (e) {
    if (input.signal?.aborted) return { kind: 'fatal', ...CANCELLED };
    const timedOut = (e as Error).name === 'TimeoutError';
    return {
      kind: 'retry',
      code: timedOut ? 'timeout' : 'network',
      message: timedOut ? '连接管理平台超时' : '无法连接管理平台或连接中断',
    };
  }
  if (res.status >= 300 && res.status < 400) {
    return {
      kind: 'fatal',
      code: 'redirect',
      message: '管理平台要求转到其他地址，结果包未发送；请核对“同步”设置中的平台地址',
    };
  }
  // The status travels as the code (http-503), which the screen keeps behind 详情.
  if (res.status >= 500 || res.status === 429 || res.status === 408) {
    return {
      kind: 'retry',
      code: `http-${res.status}`,
      message: '管理平台暂时无法处理',
    };
  }
  if (res.status !== 200) {
    let reason = '平台未说明原因';
    try {
      const j = JSON.parse(body) as { code?: unknown; message?: unknown };
      if (typeof j.message === 'string') reason = j.message;
      if (typeof j.code === 'string')
        return {
          kind: 'fatal',
          code: `rejected:${j.code}`,
          message: `管理平台拒收结果包：${reason}`,
        };
    } catch {
      // not JSON: keep the status
    }
    return { kind: 'fatal', code: `http-${res.status}`, message: `管理平台拒收结果包：${reason}` };
  }
  const checked = verifyReceipt(body, input.platformKeys, input.sent);
  if (checked.ok) return { kind: 'done', receipt: checked.receipt, receiptText: body };
  // A cut-off answer is a transport fault; a whole but wrong receipt is not something to retry.
  if (checked.code === 'unreadable')
    return { kind: 'retry', code: 'truncated', message: '管理平台的回执不完整' };
  return { kind: 'fatal', code: `receipt:${checked.code}`, message: checked.message };
}

/** Bundles carry personal data: only HTTPS leaves the machine; plain HTTP is for a loopback intake. */
export function checkPlatformUrl(
  url: string,
): { ok: true } | { ok: false; code: 'invalid-url'; message: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, code: 'invalid-url', message: `平台地址 ${url} 不是有效的网址` };
  }
  const loopback =
    u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol === 'https:' || (u.protocol === 'http:' && loopback)) return { ok: true };
  return {
    ok: false,
    code: 'invalid-url',
    message: `平台地址须以 https:// 开头（本机测试接收端除外）：${url}`,
  };
}

export async function uploadBundle(input: UploadInput): Promise<UploadResult> {
  const urlOk = checkPlatformUrl(input.url);
  if (!urlOk.ok) return { ...urlOk, attempts: 0, retryable: false };
  const maxAttempts = input.maxAttempts ?? 6;
  const base = input.baseDelayMs ?? 1000;
  const maxDelay = input.maxDelayMs ?? 60_000;
  const sleep = input.sleep ?? defaultSleep;
  const random = input.random ?? Math.random;
  let last = { code: 'network', message: '' };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (input.signal?.aborted)
      return { ok: false, ...CANCELLED, attempts: attempt - 1, retryable: true };
    const outcome = await attemptOnce(input, input.timeoutMs ?? 120_000);
    if (outcome.kind === 'done') {
      input.onAttempt?.({ attempt });
      return {
        ok: true,
        receipt: outcome.receipt,
        receiptText: outcome.receiptText,
        attempts: attempt,
      };
    }
    if (outcome.kind === 'fatal') {
      input.onAttempt?.({ attempt, error: outcome });
      return {
        ok: false,
        code: outcome.code,
        message: outcome.message,
        attempts: attempt,
        retryable: false,
      };
    }
    last = outcome;
    if (attempt === maxAttempts) {
      input.onAttempt?.({ attempt, error: outcome });
      break;
    }
    // Exponential backoff with jitter, so many stations coming back online do not stampede.
    const delay = Math.min(maxDelay, base * 2 ** (attempt - 1)) * (0.5 + random() / 2);
    input.onAttempt?.({ attempt, error: outcome, nextDelayMs: delay });
    await sleepUnlessAborted(sleep, delay, input.signal);
  }
  return {
    ok: false,
    code: last.code,
    message: `${last.message}，已重试 ${maxAttempts} 次。结果包已保存，稍后可继续上传。`,
    attempts: maxAttempts,
    retryable: true,
  };
}

export interface SyncPendingInput extends RetryOptions {
  dir: string;
  profileId: string;
  url: string;
  platformKeys: TrustedKeys;
  now?: Date;
}

/**
 * Uploads the profile's pending bundle (if any) and applies the receipt. The records to mark
 * synced are `newlyAcknowledged` — empty if nothing was pending or it was already applied.
 */
export async function syncPendingBundle(
  input: SyncPendingInput,
): Promise<
  | ReceiptAccepted
  | { ok: true; nothingPending: true }
  | { ok: false; code: string; message: string; retryable?: boolean }
> {
  const pending = await pendingBundle(input.dir, input.profileId);
  if (!pending.ok) return pending;
  if (!pending.pending) return { ok: true, nothingPending: true };
  const up = await uploadBundle({
    ...input,
    bytes: pending.pending.bytes,
    sent: pending.pending.sent,
  });
  if (!up.ok) return up;
  return acceptReceipt({
    dir: input.dir,
    profileId: input.profileId,
    text: up.receiptText,
    platformKeys: input.platformKeys,
    ...(input.now ? { now: input.now } : {}),
  });
}
