import { describe, expect, it } from 'vitest';
import { describeFailure, progressLine } from '../../../src-renderer/features/sync/failures';

describe('sync messages in plain Chinese', () => {
  it('puts the meaning of a code first and keeps the detail naming the file', () => {
    expect(
      describeFailure({ code: 'bad-signature', message: 'r.json：回执文件：签名 ab… 校验失败' }),
    ).toBe('签名校验失败：文件可能被篡改，已拒绝。\nr.json：回执文件：签名 ab… 校验失败');
  });

  it('understands namespaced upload codes and does not repeat itself', () => {
    expect(describeFailure({ code: 'receipt:unknown-key', message: 'x' })).toMatch(
      /^文件不是由已信任的平台密钥签名的/,
    );
    expect(describeFailure({ code: 'wrong-passphrase', message: '口令不正确' })).toBe(
      '口令不正确，请重新输入。',
    );
  });

  it('shows an unknown code by its message alone', () => {
    expect(describeFailure({ code: 'something-new', message: '出了点问题' })).toBe('出了点问题');
  });

  it('reports the running try, then the wait before the next one', () => {
    const base = { active: true, maxAttempts: 6, lastError: null, nextRetryAt: null };
    expect(progressLine({ ...base, attempt: 0 })).toBe('正在上传（第 1 / 6 次尝试）…');
    const now = Date.parse('2026-03-02T02:00:00Z');
    const waiting = {
      ...base,
      attempt: 1,
      lastError: { code: 'http-500', message: '管理平台暂时无法处理' },
      nextRetryAt: new Date(now + 2500).toISOString(),
    };
    expect(progressLine(waiting, now)).toBe(
      '第 1 次尝试失败：管理平台暂时无法处理。3 秒后进行第 2 / 6 次尝试…',
    );
    expect(progressLine(waiting, now + 3000)).toBe('正在上传（第 2 / 6 次尝试）…');
  });
});
