import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useNativeCrcInYazl, yazlsBufferCrc32 } from '../../../src-main/services/packages/yazlCrc';
import { writeZip } from '../../../src-main/services/bundles/zip';

describe("yazl's CRC-32 answered natively", () => {
  const { unsigned, original } = useNativeCrcInYazl();

  it('is the function yazl calls, and stays one patch however often it is applied', () => {
    expect(unsigned).not.toBe(original);
    expect(yazlsBufferCrc32().unsigned).toBe(unsigned);
    expect(useNativeCrcInYazl().unsigned).toBe(unsigned);
    expect(useNativeCrcInYazl().original).toBe(original);
  });

  it('answers as buffer-crc32 does, with and without a previous CRC (signed or not)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.option(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer()), {
          nil: undefined,
        }),
        (bytes, previous) => {
          const buf = Buffer.from(bytes);
          expect(unsigned(buf, previous)).toBe(original(buf, previous));
        },
      ),
    );
  });

  it('leaves input the native function does not take to buffer-crc32', () => {
    expect(unsigned('启航 records', undefined)).toBe(original('启航 records', undefined));
    const seed = Buffer.from([0x12, 0x34, 0x56, 0x78]);
    expect(unsigned(Buffer.from('abc'), seed)).toBe(original(Buffer.from('abc'), seed));
    expect(unsigned(Buffer.from('abc'), 1.5)).toBe(original(Buffer.from('abc'), 1.5));
  });

  it("writes the CRC-32 yazl's own routine computes into the archive", async () => {
    const data = new Uint8Array(Buffer.from('第 1 份创业计划书：市场分析较完整。'.repeat(100)));
    const zip = Buffer.from(await writeZip([{ name: 'records.json', data }]));
    // The central directory record's CRC-32 field (offset 16) of the only entry.
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(cd + 16)).toBe(original(Buffer.from(data)));
  });
});
