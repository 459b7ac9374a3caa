import { describe, expect, test } from 'vitest';
import { explainError } from '../../../src-renderer/components/errorText';
import { t } from '../../../src-renderer/app/strings';

describe('explainError', () => {
  test('shows the hint for the code, then the service sentence naming the file; the code only in 详情', () => {
    const e = explainError(
      { code: 'bad-signature', message: '回执文件“r.json”：签名校验失败' },
      t.sync.codes,
    );
    expect(e.lines).toEqual([t.sync.codes['bad-signature'], '回执文件“r.json”：签名校验失败']);
    expect(e.lines.join('')).not.toContain('bad-signature');
    expect(e.details).toBe('错误代码：bad-signature');
  });

  test('reads a namespaced upload code by its last part', () => {
    const e = explainError({ code: 'receipt:bad-signature', message: '' }, t.sync.codes);
    expect(e.lines).toEqual([t.sync.codes['bad-signature']]);
    expect(e.details).toBe('错误代码：receipt:bad-signature');
  });

  test('puts a developer message behind 详情 and shows the plain sentence instead', () => {
    const e = explainError({
      code: 'invalid-request',
      message: '请求参数不正确（profileId）：Invalid input',
      field: 'profileId',
    });
    expect(e.lines.join('')).not.toMatch(/profileId|Invalid/);
    expect(e.details).toBe(
      '错误代码：invalid-request\n字段：profileId\n原始信息：请求参数不正确（profileId）：Invalid input',
    );
  });

  test('an exception with no sentence reads as the fallback, its text kept for support', () => {
    const e = explainError({
      code: 'unexpected',
      message: '',
      detail: 'TypeError: x is undefined',
    });
    expect(e.lines).toEqual([t.errors.notice.fallback]);
    expect(e.details).toContain('技术细节：TypeError: x is undefined');
  });

  test('a plain sentence without a code has no 详情', () => {
    expect(explainError('请先选择培训班')).toEqual({ lines: ['请先选择培训班'], details: null });
  });

  test('does not repeat a hint that already says the message', () => {
    const e = explainError({ code: 'wrong-passphrase', message: '口令不正确' }, t.sync.codes);
    expect(e.lines).toEqual([t.sync.codes['wrong-passphrase']]);
  });
});
