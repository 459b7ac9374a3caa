import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { readZip, writeZip } from '../../../src-main/services/bundles/zip';

function deflatedZip(name: string, data: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const zip = new ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    zip.addBuffer(Buffer.from(data), name, { compressionLevel: 6 });
    zip.end();
  });
}

// Large enough to arrive in many 64 KiB stream chunks.
const big = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);

describe('readZip', () => {
  it('returns a stored entry as a view of the archive, byte for byte', async () => {
    const zip = await writeZip([
      { name: 'a.bin', data: big },
      { name: 'empty.txt', data: new Uint8Array(0) },
    ]);
    const r = await readZip(zip);
    if (!r.ok) throw new Error(r.message);
    const a = r.files.get('a.bin')!;
    expect(Buffer.from(a).equals(Buffer.from(big))).toBe(true);
    expect(a.buffer).toBe(zip.buffer);
    expect(r.files.get('empty.txt')!.byteLength).toBe(0);
  });

  it('copies a deflated entry into one array with the right bytes', async () => {
    const zip = await deflatedZip('a.bin', big);
    const r = await readZip(zip);
    if (!r.ok) throw new Error(r.message);
    const a = r.files.get('a.bin')!;
    expect(a.buffer).not.toBe(zip.buffer);
    expect(Buffer.from(a).equals(Buffer.from(big))).toBe(true);
  });
});
