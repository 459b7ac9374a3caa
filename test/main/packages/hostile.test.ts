// Packages built to hurt the importer. Each must be refused with its own code and a Chinese
// message naming the package and the offending entry, before any data is trusted.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../../src-shared/records/visibleText';
import { openWorkPackage } from '../../../src-main/services/packages';
import {
  envelopeBytes,
  makeKey,
  makeManifest,
  tempDir,
  trustOnly,
  writePackage,
  unicodePathField,
  writeRawZip,
  type RawEntry,
  type RawZipOptions,
} from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workDir(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

/** A signed envelope plus the hostile entries, so only the structure can be at fault. */
async function openRaw(entries: RawEntry[]) {
  const key = makeKey();
  const path = join(workDir(), 'hostile.qhpkg');
  writeRawZip(path, [
    { name: 'envelope.json', data: envelopeBytes(makeManifest().manifest, [key]) },
    ...entries,
  ]);
  return openWorkPackage(path, { trustedKeys: trustOnly(key) });
}

describe('openWorkPackage against hostile archives', () => {
  it.each([
    ['../x', '..'],
    ['files/../../x', '..'],
    ['/etc/x', '绝对路径'],
    ['C:\\x', '盘符'],
    ['C:/Windows/x', '盘符'],
    ['files\\evil.pdf', '反斜杠'],
    ['files/a.pdf:stream', '禁用字符'],
    ['files/a\u0000.pdf', '控制字符'],
  ])('refuses the entry %j as an unsafe path', async (name, why) => {
    const result = await openRaw([{ name, data: Buffer.from('x') }]);

    expect(result).toMatchObject({ ok: false, code: 'unsafe-path' });
    expect(!result.ok && result.message).toContain(visibleText(name));
    expect(!result.ok && result.message).toContain(why);
    expect(!result.ok && result.message).toContain('hostile.qhpkg');
  });

  it('refuses a symlink entry recognised by its external attributes', async () => {
    const result = await openRaw([
      { name: 'files/link.pdf', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
    ]);

    expect(result).toMatchObject({ ok: false, code: 'symlink' });
    expect(!result.ok && result.message).toContain('files/link.pdf');
  });

  it('refuses two entries with the same name, even when only the case differs', async () => {
    const result = await openRaw([
      { name: 'files/a.pdf', data: Buffer.from('one') },
      { name: 'files/A.pdf', data: Buffer.from('two') },
    ]);

    expect(result).toMatchObject({ ok: false, code: 'duplicate-entry' });
    expect(!result.ok && result.message).toContain('files/A.pdf');
  });

  it('refuses a zip bomb from its compression ratio without inflating it', async () => {
    const zeros = Buffer.alloc(32 * 1024 * 1024);

    const result = await openRaw([{ name: 'files/bomb.pdf', data: zeros, deflate: true }]);

    expect(result).toMatchObject({ ok: false, code: 'compression-ratio' });
    expect(!result.ok && result.message).toContain('压缩炸弹');
    expect(!result.ok && result.message).toContain('files/bomb.pdf');
  });

  it('refuses many small entries that together form a zip bomb', async () => {
    const entries = Array.from({ length: 64 }, (_, i) => ({
      name: `files/part-${i}.pdf`,
      data: Buffer.alloc(512 * 1024),
      deflate: true,
    }));

    const result = await openRaw(entries);

    expect(result).toMatchObject({ ok: false, code: 'compression-ratio' });
    expect(!result.ok && result.message).toContain('整体压缩比');
  });

  it('refuses an entry that inflates beyond the size its headers declare', async () => {
    const key = makeKey();
    const fixture = makeManifest({ traineesPerClass: 1 });
    const file = fixture.manifest.files[0];
    if (!file) throw new Error('fixture has no file');
    const path = join(workDir(), 'liar.qhpkg');
    writeRawZip(path, [
      { name: 'envelope.json', data: envelopeBytes(fixture.manifest, [key]) },
      {
        name: `files/${file.path}`,
        data: Buffer.alloc(file.size * 40),
        deflate: true,
        claimedSize: file.size,
      },
    ]);

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'corrupt-entry' });
    expect(!result.ok && result.message).toContain(file.path);
  });

  it('refuses a file over the per-file limit and a package over the total limit', async () => {
    const entries = [
      { name: 'files/a.pdf', data: Buffer.alloc(3000) },
      { name: 'files/b.pdf', data: Buffer.alloc(3000) },
    ];
    const key = makeKey();
    const path = join(workDir(), 'big.qhpkg');
    writeRawZip(path, [
      { name: 'envelope.json', data: envelopeBytes(makeManifest().manifest, [key]) },
      ...entries,
    ]);

    const perFile = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      limits: { maxFileBytes: 2000 },
    });
    const total = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      limits: { maxTotalBytes: 5000 },
    });

    expect(perFile).toMatchObject({ ok: false, code: 'file-too-large' });
    expect(total).toMatchObject({ ok: false, code: 'total-too-large' });
  });

  it('refuses 100,000 entries from the central directory count before reading any entry', async () => {
    const path = join(workDir(), 'many.qhpkg');
    const entries: RawEntry[] = [];
    for (let i = 0; i < 100_000; i++) entries.push({ name: `files/${i}.pdf` });
    writeRawZip(path, entries);
    // Break the first central directory header: reading even one entry would now fail as
    // corrupt-archive, so too-many-entries proves the count alone decided.
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(0xdeadbeef, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    writeFileSync(path, bytes);

    const result = await openWorkPackage(path, { trustedKeys: new Map() });

    expect(result).toMatchObject({ ok: false, code: 'too-many-entries' });
    expect(!result.ok && result.message).toContain('100000');
  });

  it.each([0.5, 0.999])(
    'refuses an archive truncated to %s of its length as corrupt',
    async (fraction) => {
      const key = makeKey();
      const path = join(workDir(), 'cut.qhpkg');
      await writePackage(path, makeManifest({ classes: 2 }), { key });
      const bytes = readFileSync(path);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));

      const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

      expect(result).toMatchObject({ ok: false, code: 'corrupt-archive' });
      expect(!result.ok && result.message).toContain('cut.qhpkg');
    },
  );

  it('refuses an entry whose local header was damaged although the directory is intact', async () => {
    const key = makeKey();
    const fixture = makeManifest({ traineesPerClass: 2 });
    const path = join(workDir(), 'damaged.qhpkg');
    await writePackage(path, fixture, { key });
    const bytes = readFileSync(path);
    const localHeader = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    // Entry 0 is envelope.json (plain JSON, so no stray signature inside); entry 1 is files[0].
    bytes.writeUInt32LE(0, bytes.indexOf(localHeader, 1));
    writeFileSync(path, bytes);

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'corrupt-entry' });
    expect(!result.ok && result.message).toContain(fixture.manifest.files[0]?.path);
  });

  it('refuses a file that is not a ZIP at all', async () => {
    const path = join(workDir(), 'notes.qhpkg');
    writeFileSync(path, '这不是工作包');

    const result = await openWorkPackage(path, { trustedKeys: new Map() });

    expect(result).toMatchObject({ ok: false, code: 'corrupt-archive' });
  });
});

/**
 * A whole, validly signed package written byte by byte, so one header can be made to disagree
 * with another: if the trick were not refused, the package would open.
 */
function rawPackage(tweak: (entries: RawEntry[]) => RawEntry[], options?: RawZipOptions) {
  const key = makeKey();
  const fixture = makeManifest({ traineesPerClass: 2 });
  const entries: RawEntry[] = [
    { name: 'envelope.json', data: envelopeBytes(fixture.manifest, [key]) },
    ...fixture.manifest.files.map((f) => ({
      name: `files/${f.path}`,
      data: fixture.contents.get(f.path),
    })),
  ];
  const path = join(workDir(), 'differential.qhpkg');
  writeRawZip(path, tweak(entries), options);
  return { path, fixture, open: () => openWorkPackage(path, { trustedKeys: trustOnly(key) }) };
}

describe('openWorkPackage against archives that mean different things to different unzip tools', () => {
  it('opens the byte-by-byte package when nothing disagrees (the tricks below are all that differ)', async () => {
    const plain = rawPackage((entries) => entries);
    const agreeing = rawPackage((entries) =>
      entries.map((e) => ({ ...e, extra: unicodePathField(e.name, e.name) })),
    );

    expect(await plain.open()).toMatchObject({ ok: true });
    expect(await agreeing.open()).toMatchObject({ ok: true });
  });

  it('refuses an end record whose entry count hides the last central directory entry', async () => {
    const { open } = rawPackage(
      (entries) => [...entries, { name: '../../hidden.sh', data: Buffer.from('#!/bin/sh\n') }],
      { declaredCount: 3 },
    );

    const result = await open();

    expect(result).toMatchObject({ ok: false, code: 'hidden-entries' });
    expect(!result.ok && result.message).toContain('differential.qhpkg');
    expect(!result.ok && result.message).toContain('3 个条目');
  });

  it('refuses an entry whose local header names another file than the central directory', async () => {
    const { open, fixture } = rawPackage((entries) =>
      entries.map((e, i) => (i === 1 ? { ...e, localName: '../../evil.sh' } : e)),
    );

    const result = await open();

    expect(result).toMatchObject({ ok: false, code: 'local-name-mismatch' });
    expect(!result.ok && result.message).toContain(fixture.manifest.files[0]!.path);
    expect(!result.ok && result.message).toContain('../../evil.sh');
    expect(!result.ok && result.message).toContain('differential.qhpkg');
  });

  it('refuses a local-header name mismatch on envelope.json itself, before the signature', async () => {
    const { open } = rawPackage((entries) =>
      entries.map((e, i) => (i === 0 ? { ...e, localName: 'envelope.jsoN' } : e)),
    );

    expect(await open()).toMatchObject({ ok: false, code: 'local-name-mismatch' });
  });

  it.each([
    ['central directory', 'extra'],
    ['local header', 'localExtra'],
  ] as const)(
    'refuses an Info-ZIP Unicode path field in the %s that renames an entry',
    async (_where, field) => {
      const { open, fixture } = rawPackage((entries) =>
        entries.map((e, i) =>
          i === 2 ? { ...e, [field]: unicodePathField(e.name, '../../renamed.sh') } : e,
        ),
      );

      const result = await open();

      expect(result).toMatchObject({ ok: false, code: 'unicode-path-field' });
      expect(!result.ok && result.message).toContain(fixture.manifest.files[1]!.path);
      expect(!result.ok && result.message).toContain('../../renamed.sh');
    },
  );
});
