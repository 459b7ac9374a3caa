import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src-main/cli/verify';
import { readDemoKey } from '../../../src-main/services/packages/trust';
import { openWorkPackage } from '../../../src-main/services/packages/open';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const KEY = path.join(RESOURCES, 'demo', 'demo-platform-key.pub.b64');
let text = '';
let printed: string[] = [];

beforeAll(async () => {
  const trust = await readDemoKey(RESOURCES);
  if (!trust.ok) throw new Error(trust.message);
  const opened = await openWorkPackage(path.join(RESOURCES, 'demo', 'demo.qhpkg'), {
    trustedKeys: trust.keys,
  });
  if (!opened.ok) throw new Error(opened.message);
  text = opened.manifest.records.certificateNumbers[0]!.signedRecord!;
}, 60_000);

afterEach(() => vi.restoreAllMocks());

function capture() {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((l: string) => void printed.push(l));
  vi.spyOn(console, 'error').mockImplementation((l: string) => void printed.push(l));
}

describe('npm run verify with a certificate QR code', () => {
  it('accepts the demo record text and says what it certifies', async () => {
    capture();
    expect(await main([text, '--trust', KEY])).toBe(0);
    expect(printed.join('\n')).toContain('BJWL-2024-004100');
    expect(printed.join('\n')).toContain('有效');
  });

  it('rejects the text with one character changed', async () => {
    capture();
    const i = 40;
    const changed = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
    expect(await main([changed, '--trust', KEY])).toBe(1);
    expect(printed.join('\n')).toContain('无效');
  });

  it('reads the text from a file and from a PNG of the QR code', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-verify-cert-'));
    writeFileSync(path.join(dir, 'qr.txt'), `${text}\n`);
    writeFileSync(path.join(dir, 'qr.png'), await QRCode.toBuffer(text, { scale: 4 }));
    capture();
    expect(await main([path.join(dir, 'qr.txt'), '--trust', KEY])).toBe(0);
    expect(await main([path.join(dir, 'qr.png'), '--trust', KEY])).toBe(0);
  });
});
