import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeUrl,
  formatEvent,
  mainLogPath,
  openMainLog,
} from '../../../src-main/services/mainlog/mainLog';

const fixedNow = () => new Date('2026-03-01T08:00:00.000Z');
const tempLog = () => mainLogPath(mkdtempSync(path.join(tmpdir(), 'qh-mainlog-')));

describe('main.log', () => {
  it('lives under userData/logs and gets one timestamped line per event', () => {
    const file = tempLog();
    expect(file.endsWith(path.join('logs', 'main.log'))).toBe(true);
    const log = openMainLog(file, { now: fixedNow });
    log.write({ kind: 'step', step: 'start', detail: { version: '0.1.0', packaged: false } });
    log.write({ kind: 'ipc-error', channel: 'keys:create', code: 'wrong-passphrase' });
    expect(readFileSync(file, 'utf8')).toBe(
      '2026-03-01T08:00:00.000Z step start version=0.1.0 packaged=false\n' +
        '2026-03-01T08:00:00.000Z ipc-error keys:create wrong-passphrase\n',
    );
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const file = tempLog();
    const log = openMainLog(file, { maxBytes: 300, keep: 2, now: fixedNow });
    for (let i = 0; i < 40; i += 1) log.write({ kind: 'step', step: `step-${i}` });
    expect(statSync(file).size).toBeLessThanOrEqual(300);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(300);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    // The newest event is in main.log, the one just before it at the end of main.log.1 or there.
    expect(readFileSync(file, 'utf8')).toContain('step step-39\n');
  });

  it('keeps growing an existing file from where it was, across restarts', () => {
    const file = tempLog();
    openMainLog(file, { now: fixedNow }).write({ kind: 'step', step: 'first' });
    openMainLog(file, { now: fixedNow }).write({ kind: 'step', step: 'second' });
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('never throws when the folder cannot be written', () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'qh-mainlog-')), 'a-file');
    writeFileSync(blocker, '');
    const log = openMainLog(mainLogPath(blocker));
    expect(() => log.write({ kind: 'step', step: 'start' })).not.toThrow();
  });
});

describe('what main.log may contain', () => {
  it.each([
    ['file:///home/zhangsan/评审/张三的计划书.pdf', 'file://…'],
    ['https://example.com/path?token=abc', 'https://example.com/…'],
    ['app://qihang/index.html', 'app://qihang/index.html'],
    ['app://qihang/media/张三/clip.mp4?t=1', 'app://qihang/media/…'],
    ['app://qihang/..%2f..%2fhome%2fzhangsan', 'app://qihang/…'],
    ['data:text/html,<b>hi</b>', 'data:…'],
    ['not a url', '(not a URL)'],
  ])('cuts %s down to %s', (url, shown) => {
    expect(describeUrl(url)).toBe(shown);
  });

  it('writes the kind of an error, never its message (messages carry paths and input)', () => {
    const error = Object.assign(new Error("EACCES: open '/home/zhangsan/key' hunter2"), {
      code: 'EACCES',
    });
    const line = formatEvent({ kind: 'failure', where: 'ipc keys:create', error });
    expect(line).toBe('failure ipc keys:create Error EACCES');
  });

  it('replaces any free text that is not a plain token, so a passphrase cannot slip in', () => {
    const line = formatEvent({
      kind: 'step',
      step: 'start',
      detail: { note: '张三的口令 correct horse!' },
    });
    expect(line).toBe('step start note=…');
    expect(formatEvent({ kind: 'ipc-error', channel: 'keys:create', code: '口令错误' })).toBe(
      'ipc-error keys:create …',
    );
  });
});
