// A corpus of work packages an attacker would try, generated into a folder at test time (no
// committed binaries). Each file carries the verdict a workstation must give it — the error
// code, or null for a valid package — and what kind of refusal that is, so a test can hold
// the app's import and the verify CLI to the same answer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SigningKey } from '../../../src-main/services/crypto/ed25519';
import {
  envelopeBytes,
  makeKey,
  makeManifest,
  unicodePathField,
  writePackage,
  writeRawZip,
  type PackageFixture,
} from './factory';

export type Refusal = 'unsafe' | 'invalid' | 'unreadable';

export interface CorpusFile {
  /** What the file tries, in words (the test name). */
  what: string;
  path: string;
  /** The error code both verifiers must give, or null when the package is valid. */
  code: string | null;
  refusal: Refusal | null;
}

const MiB = 1024 * 1024;

function withExternal(path: string): PackageFixture {
  const fixture = makeManifest();
  fixture.manifest.files.push({
    id: 'EXT-1',
    path,
    size: 11,
    sha256: 'a'.repeat(64),
    mediaType: 'video/mp4',
    kind: 'video',
    external: true,
  });
  return fixture;
}

export async function writeHostileCorpus(dir: string, key: SigningKey): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  const signed = () => envelopeBytes(makeManifest().manifest, [key]);
  const raw = (
    what: string,
    file: string,
    entries: Parameters<typeof writeRawZip>[1],
    code: string,
    refusal: Refusal,
  ) => {
    const path = join(dir, file);
    writeRawZip(path, [{ name: 'envelope.json', data: signed() }, ...entries]);
    out.push({ what, path, code, refusal });
  };
  const pkg = async (
    what: string,
    file: string,
    fixture: PackageFixture,
    code: string | null,
    refusal: Refusal | null,
    options: Partial<Parameters<typeof writePackage>[2]> = {},
  ) => {
    const path = join(dir, file);
    await writePackage(path, fixture, { key, ...options });
    out.push({ what, path, code, refusal });
  };
  const bytes = (what: string, file: string, data: Uint8Array, code: string, refusal: Refusal) => {
    const path = join(dir, file);
    writeFileSync(path, data);
    out.push({ what, path, code, refusal });
  };

  await pkg('an honest package', 'valid.qhpkg', makeManifest(), null, null);
  raw(
    'two names that differ only in case',
    'dup-case.qhpkg',
    [
      { name: 'files/a.pdf', data: Buffer.from('one') },
      { name: 'files/A.pdf', data: Buffer.from('two') },
    ],
    'duplicate-entry',
    'unsafe',
  );
  raw(
    'two names that differ only in Unicode normalisation (NFC / NFD)',
    'dup-nfd.qhpkg',
    [
      { name: 'files/caf\u00e9.pdf', data: Buffer.from('one') },
      { name: 'files/cafe\u0301.pdf', data: Buffer.from('two') },
    ],
    'duplicate-entry',
    'unsafe',
  );
  raw(
    'a FIFO entry',
    'fifo.qhpkg',
    [{ name: 'files/pipe.pdf', unixMode: 0o010644 }],
    'symlink',
    'unsafe',
  );
  raw(
    'a character device entry',
    'device.qhpkg',
    [{ name: 'files/tty.pdf', unixMode: 0o020644 }],
    'symlink',
    'unsafe',
  );
  raw(
    'a symlink to /etc/passwd',
    'symlink.qhpkg',
    [{ name: 'files/link.pdf', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }],
    'symlink',
    'unsafe',
  );
  raw(
    'a ZIP-slip entry',
    'slip.qhpkg',
    [{ name: '../../../etc/cron.d/x', data: Buffer.from('x') }],
    'unsafe-path',
    'unsafe',
  );
  raw(
    'an entry name with a terminal escape sequence',
    'escape.qhpkg',
    [{ name: 'files/\u001b[31mred.pdf', data: Buffer.from('x') }],
    'unsafe-path',
    'unsafe',
  );
  raw(
    'an unlisted entry whose name reverses itself with U+202E',
    'bidi.qhpkg',
    [{ name: 'files/季度报告\u202Efdp.exe', data: Buffer.from('x') }],
    'unexpected-entry',
    'invalid',
  );
  {
    const path = join(dir, 'hidden.qhpkg');
    writeRawZip(
      path,
      [
        { name: 'envelope.json', data: signed() },
        { name: '../../hidden.sh', data: Buffer.from('#!/bin/sh\n') },
      ],
      { declaredCount: 1 },
    );
    out.push({
      what: 'an entry hidden by the end record',
      path,
      code: 'hidden-entries',
      refusal: 'unsafe',
    });
  }
  {
    // On envelope.json itself: an unlisted entry would be refused as unexpected before its
    // local header is ever read.
    const path = join(dir, 'local-name.qhpkg');
    writeRawZip(path, [{ name: 'envelope.json', localName: '../../a.sh', data: signed() }]);
    out.push({
      what: 'a local header naming another file',
      path,
      code: 'local-name-mismatch',
      refusal: 'unsafe',
    });
  }
  raw(
    'a Unicode path field renaming an entry',
    'unicode-path.qhpkg',
    [
      {
        name: 'files/a.pdf',
        extra: unicodePathField('files/a.pdf', '../../a.sh'),
        data: Buffer.from('x'),
      },
    ],
    'unicode-path-field',
    'unsafe',
  );
  await pkg(
    'an external file listed as ../../../etc/passwd',
    'external-slip.qhpkg',
    withExternal('../../../etc/passwd'),
    'unsafe-manifest-path',
    'unsafe',
  );
  await pkg(
    'an external file listed as /etc/passwd',
    'external-absolute.qhpkg',
    withExternal('/etc/passwd'),
    'unsafe-manifest-path',
    'unsafe',
  );
  // Each just under the 1 MiB per-entry ratio threshold: only the archive-wide ratio sees them.
  const zeros = new Uint8Array(MiB - 1);
  raw(
    'a thousand entries of almost 1 MiB of zeros each',
    'zeros.qhpkg',
    Array.from({ length: 1000 }, (_, i) => ({
      name: `files/zero-${i}.pdf`,
      data: zeros,
      deflate: true,
    })),
    'compression-ratio',
    'unsafe',
  );
  {
    // An 80 MB envelope.json, stored: valid JSON (trailing spaces) over the 64 MiB cap.
    const path = join(dir, 'big-envelope.qhpkg');
    const envelope = Buffer.concat([signed(), Buffer.alloc(80_000_000, 0x20)]);
    writeRawZip(path, [{ name: 'envelope.json', data: envelope }]);
    out.push({
      what: 'an 80 MB envelope',
      path,
      code: 'envelope-too-large',
      refusal: 'unsafe',
    });
  }
  {
    const fixture = makeManifest();
    const first = fixture.manifest.files[0]!;
    const changed = new Uint8Array(fixture.contents.get(first.path)!);
    changed[0] = changed[0]! ^ 0xff;
    await pkg(
      'a file changed after signing',
      'tampered.qhpkg',
      fixture,
      'hash-mismatch',
      'invalid',
      {
        replace: new Map([[first.path, changed]]),
      },
    );
  }
  {
    const path = join(dir, 'stranger.qhpkg');
    await writePackage(path, makeManifest(), { key: makeKey() });
    out.push({
      what: 'signed by an untrusted key',
      path,
      code: 'untrusted-signer',
      refusal: 'invalid',
    });
  }
  await pkg('no envelope.json', 'unsigned.qhpkg', makeManifest(), 'unsigned', 'invalid', {
    envelope: null,
  });
  bytes('an empty file', 'empty.qhpkg', new Uint8Array(0), 'corrupt-archive', 'unreadable');
  bytes(
    'a text file',
    'notes.qhpkg',
    Buffer.from('这是一个说明文件，不是工作包。\nplain text\n'),
    'corrupt-archive',
    'unreadable',
  );
  {
    const path = join(dir, 'truncated.qhpkg');
    await writePackage(path, makeManifest(), { key });
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    out.push({
      what: 'a package cut in half',
      path,
      code: 'corrupt-archive',
      refusal: 'unreadable',
    });
  }
  return out;
}
