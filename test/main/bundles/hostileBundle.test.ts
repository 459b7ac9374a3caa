// Result bundles arrive from anyone who can reach the intake: the directory is judged before
// a single entry is inflated, through the same ZIP layer as work packages.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyResultBundle } from '../../../src-main/services/bundles/verify';
import { rawZipBytes, tempDir, type RawEntry } from '../packages/factory';
import { bundleBomb } from './bomb';
import { firstBundle, makeSigner, zipEntries } from './factories';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function honest() {
  const signer = makeSigner();
  const built = await firstBundle([signer]);
  const entries: RawEntry[] = [...(await zipEntries(built.bytes))].map(([name, data]) => ({
    name,
    data,
  }));
  return { entries, trusted: new Map([[signer.keyid, signer.publicKeyRaw]]) };
}

describe('verifyResultBundle against hostile archives', () => {
  it('refuses a 1 MB bundle that would inflate to 1 GB from its directory alone', async () => {
    const bomb = bundleBomb();
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);

    const r = await verifyResultBundle(bomb, { trusted: new Map(), name: 'bomb.qhres' });

    expect(r).toMatchObject({ ok: false, code: 'zip-limits' });
    expect(!r.ok && r.message).toContain('结果包 “bomb.qhres”');
    expect(!r.ok && r.message).toContain('整体压缩比');
  });

  it('gives the same answer for the bytes and for the same bytes on disk', async () => {
    const { entries, trusted } = await honest();
    const bytes = rawZipBytes(entries);
    const path = join(dir, 'honest.qhres');
    await writeFile(path, bytes);

    const fromBytes = await verifyResultBundle(bytes, { trusted });
    const fromFile = await verifyResultBundle(path, { trusted });

    expect(fromBytes).toMatchObject({ ok: true });
    expect(fromFile).toMatchObject({ ok: true, bundleHash: fromBytes.ok && fromBytes.bundleHash });
  });

  it('refuses an end record that hides a central directory entry', async () => {
    const { entries, trusted } = await honest();
    const bytes = rawZipBytes(
      [...entries, { name: '../../hidden.sh', data: Buffer.from('#!/bin/sh') }],
      { declaredCount: entries.length },
    );

    expect(await verifyResultBundle(bytes, { trusted })).toMatchObject({
      ok: false,
      code: 'zip-hidden-entries',
    });
  });

  it('refuses records.json whose local header names another file', async () => {
    const { entries, trusted } = await honest();
    const bytes = rawZipBytes(
      entries.map((e) => (e.name === 'records.json' ? { ...e, localName: 'records.jsoN' } : e)),
    );

    const r = await verifyResultBundle(bytes, { trusted, name: 'x.qhres' });

    expect(r).toMatchObject({ ok: false, code: 'zip-local-name-mismatch' });
    expect(!r.ok && r.message).toContain('records.json');
  });

  it('refuses an unlisted entry before reading records.json', async () => {
    const { entries, trusted } = await honest();
    // records.json's CRC-32 is wrong in both headers: reading it would fail as zip-crc-mismatch.
    const bytes = rawZipBytes([
      ...entries.map((e) => (e.name === 'records.json' ? { ...e, crc: 0x12345678 } : e)),
      { name: 'files/stray.bin', data: Buffer.from('stray') },
    ]);

    expect(await verifyResultBundle(bytes, { trusted })).toMatchObject({
      ok: false,
      code: 'unexpected-file',
    });
  });
});
