// The ZIP profile (docs/formats.md, "ZIP profile"), rule by rule, against the one ZIP layer that
// both readers use: every crafted archive goes through the app's package import and through
// the intake's bundle verifier, and each must be refused with the rule's own code (zip-… for a
// bundle) and a Chinese message naming the entry. Archives are written byte by byte
// (factory.ts rawZipBytes); the valid variants prove that only the named difference is judged.
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyResultBundle } from '../../../src-main/services/bundles/verify';
import { openWorkPackage } from '../../../src-main/services/packages';
import { firstBundle, makeSigner, zipEntries } from '../bundles/factories';
import {
  envelopeBytes,
  makeKey,
  makeManifest,
  rawZipBytes,
  tempDir,
  trustOnly,
  writeRawZip,
  type RawEntry,
  type RawZipOptions,
} from './factory';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let serial = 0;

type Tweak = (entries: RawEntry[]) => RawEntry[];

/** Applies `change` to the second entry (a manifest file in a package, records.json in a bundle). */
const second =
  (change: (e: RawEntry) => RawEntry): Tweak =>
  (entries) =>
    entries.map((e, i) => (i === 1 ? change(e) : e));

async function asPackage(tweak: Tweak, options?: RawZipOptions) {
  const key = makeKey();
  const fixture = makeManifest({ traineesPerClass: 1 });
  const entries: RawEntry[] = [
    { name: 'envelope.json', data: envelopeBytes(fixture.manifest, [key]) },
    ...fixture.manifest.files
      .filter((f) => !f.external)
      .map((f) => ({ name: `files/${f.path}`, data: fixture.contents.get(f.path) })),
  ];
  const path = join(dir, `profile-${++serial}.qhpkg`);
  writeRawZip(path, tweak(entries), options);
  return openWorkPackage(path, { trustedKeys: trustOnly(key) });
}

async function asBundle(tweak: Tweak, options?: RawZipOptions) {
  const signer = makeSigner();
  const built = await firstBundle([signer]);
  const entries: RawEntry[] = [...(await zipEntries(built.bytes))].map(([name, data]) => ({
    name,
    data,
  }));
  expect(entries[1]?.name).toBe('records.json');
  return verifyResultBundle(rawZipBytes(tweak(entries), options), {
    trusted: new Map([[signer.keyid, signer.publicKeyRaw]]),
    name: 'profile.qhres',
  });
}

const realCrc = (e: RawEntry) => crc32(Buffer.from(e.data ?? new Uint8Array(0)));
// 材料 in GBK: what a Windows zip tool writes without the UTF-8 flag on a Chinese system.
const GBK_NAME = Buffer.concat([
  Buffer.from('files/'),
  Buffer.from([0xb2, 0xc4, 0xc1, 0xcf]),
  Buffer.from('.pdf'),
]);

function zip64Field(): Buffer {
  const field = Buffer.alloc(12);
  field.writeUInt16LE(0x0001, 0);
  field.writeUInt16LE(8, 2);
  field.writeBigUInt64LE(5n, 4);
  return field;
}

/** An entry whose data holds the next entry's local header: two records over the same bytes. */
const overlapping: Tweak = (entries) => {
  const [envelope, target, ...rest] = entries as [RawEntry, RawEntry, ...RawEntry[]];
  const alone = rawZipBytes([target]);
  const localLength = alone.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const carrier: RawEntry = { name: 'files/carrier.bin', data: alone.subarray(0, localLength) };
  const before = rawZipBytes([envelope]).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  // The carrier's data starts after its own 30-byte header and name.
  const inside = before + 30 + Buffer.byteLength(carrier.name);
  return [envelope, carrier, { ...target, offset: inside, padAfter: undefined }, ...rest];
};

const REFUSED: [string, Tweak, RawZipOptions | undefined, string, string][] = [
  [
    'a CRC-32 that does not match the data',
    second((e) => ({ ...e, crc: (realCrc(e) ^ 1) >>> 0 })),
    undefined,
    'crc-mismatch',
    'CRC-32',
  ],
  [
    'a local header with another CRC-32',
    second((e) => ({ ...e, localCrc: (realCrc(e) ^ 1) >>> 0 })),
    undefined,
    'local-header-mismatch',
    'CRC-32',
  ],
  [
    'a local header with another compression method',
    second((e) => ({ ...e, localMethod: 8 })),
    undefined,
    'local-header-mismatch',
    '压缩方式',
  ],
  [
    'a local header with another size',
    second((e) => ({ ...e, localSize: 1 })),
    undefined,
    'local-header-mismatch',
    '原始大小',
  ],
  [
    'a local header with other flags',
    second((e) => ({ ...e, localFlags: 0 })),
    undefined,
    'local-header-mismatch',
    '通用标志位',
  ],
  [
    'a data descriptor with another CRC-32',
    second((e) => ({ ...e, dataDescriptor: { crc: 1 } })),
    undefined,
    'data-descriptor-mismatch',
    '数据描述符',
  ],
  [
    'a non-ASCII name without the UTF-8 flag',
    (es) => [...es, { name: 'x', nameBytes: GBK_NAME, flags: 0, data: Buffer.from('x') }],
    undefined,
    'name-encoding',
    'UTF-8 标志位',
  ],
  [
    'a name flagged UTF-8 that is not UTF-8',
    (es) => [...es, { name: 'x', nameBytes: GBK_NAME, data: Buffer.from('x') }],
    undefined,
    'name-encoding',
    '不是有效的 UTF-8',
  ],
  [
    'the encryption bit',
    (es) => [
      ...es,
      { name: 'files/secret.bin', data: Buffer.from('x'.repeat(64)), deflate: true, flags: 0x0801 },
    ],
    undefined,
    'encrypted-entry',
    '加密',
  ],
  [
    'the strong-encryption bit',
    (es) => [...es, { name: 'files/secret.bin', data: Buffer.from('x'), flags: 0x0840 }],
    undefined,
    'encrypted-entry',
    '加密',
  ],
  [
    'a reserved flag bit (patched data)',
    (es) => [...es, { name: 'files/p.bin', data: Buffer.from('x'), flags: 0x0820 }],
    undefined,
    'unsupported-flags',
    '0x0820',
  ],
  [
    'a directory entry',
    (es) => [...es, { name: 'files/', data: undefined }],
    undefined,
    'directory-entry',
    '目录条目',
  ],
  [
    'a directory by its Unix mode',
    (es) => [...es, { name: 'files/d', unixMode: 0o040755 }],
    undefined,
    'directory-entry',
    '目录条目',
  ],
  [
    'a directory by its MS-DOS attribute',
    (es) => [...es, { name: 'files/d', unixMode: 0, dosAttributes: 0x10 }],
    undefined,
    'directory-entry',
    '目录条目',
  ],
  [
    'a FIFO',
    (es) => [...es, { name: 'files/fifo', unixMode: 0o010644 }],
    undefined,
    'symlink',
    '特殊文件',
  ],
  [
    'bytes before the first entry',
    (es) => es,
    { prefix: Buffer.from('MZ stub') },
    'entry-layout',
    '未被任何条目使用',
  ],
  [
    'bytes between two entries',
    second((e) => ({ ...e, padAfter: Buffer.from('hidden') })),
    undefined,
    'entry-layout',
    '未被任何条目使用',
  ],
  ['two entries over the same bytes', overlapping, undefined, 'entry-layout', '重叠'],
  [
    'a ZIP64 field on a small entry',
    second((e) => ({ ...e, extra: zip64Field() })),
    undefined,
    'zip64-misuse',
    'ZIP64',
  ],
  ['a ZIP64 end record nothing needs', (es) => es, { zip64End: true }, 'end-record', 'ZIP64'],
  [
    'bytes between the directory and the end record',
    (es) => es,
    { beforeEnd: Buffer.from('junk') },
    'end-record',
    '多余字节',
  ],
  [
    'an end record with the wrong directory size',
    (es) => es,
    { declaredDirectorySize: 1 },
    'end-record',
    '中央目录大小',
  ],
];

// Where a bundle's code is not zip-<the package's code>: older names kept for the intake's clients.
const BUNDLE_CODE: Record<string, string> = {
  symlink: 'zip-unsafe-path',
  'zip64-misuse': 'zip64-misuse',
};

describe('the ZIP profile, enforced the same way for packages and bundles', () => {
  it.each(REFUSED)('refuses %s', async (_what, tweak, options, code, words) => {
    const pkg = await asPackage(tweak, options);
    const bundle = await asBundle(tweak, options);

    expect(pkg).toMatchObject({ ok: false, code });
    expect(!pkg.ok && pkg.message).toContain(words);
    expect(!pkg.ok && pkg.message).toMatch(/^工作包 “profile-\d+\.qhpkg”/);
    expect(bundle).toMatchObject({
      ok: false,
      code: BUNDLE_CODE[code] ?? `zip-${code}`,
    });
    expect(!bundle.ok && bundle.message).toContain(words);
    expect(!bundle.ok && bundle.message).toContain('“profile.qhres”');
  });

  it.each<[string, Tweak]>([
    ['as written', (es) => es],
    ['with a signed data descriptor', second((e) => ({ ...e, dataDescriptor: {} }))],
    [
      'with an unsigned data descriptor',
      second((e) => ({ ...e, dataDescriptor: { signature: false } })),
    ],
    ['with ASCII names and no UTF-8 flag', (es) => es.map((e) => ({ ...e, flags: 0 }))],
    ['deflated', (es) => es.map((e) => ({ ...e, deflate: true }))],
  ])('accepts a package and a bundle %s', async (_what, tweak) => {
    expect(await asPackage(tweak)).toMatchObject({ ok: true });
    expect(await asBundle(tweak)).toMatchObject({ ok: true });
  });

  it('accepts a Chinese name written as UTF-8 with the flag', async () => {
    const result = await asBundle((es) => es, undefined);
    expect(result).toMatchObject({ ok: true });
    const named = await asPackage((es) => [
      ...es,
      { name: 'files/材料.pdf', data: Buffer.from('x') },
    ]);
    // Read as its UTF-8 name, so it is the unlisted entry 材料.pdf, not a garbled CP437 name.
    expect(named).toMatchObject({ ok: false, code: 'unexpected-entry' });
    expect(!named.ok && named.message).toContain('files/材料.pdf');
  });
});
