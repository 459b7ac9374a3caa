// Importing a 5,000-submission work package (verify signature, parse manifest, stream and
// SHA-256 every file) against merely reading the same files' bytes out of the ZIP with plain
// yauzl. Ours reads through a read-ahead window (reader.ts), so the same unhashed read through
// that reader is printed too: that second ratio is the cost of verification alone. Files are
// 20–40 KB of random bytes (PDF-sized, incompressible, stored), ~150 MB in all, so a run stays
// under a minute. Peak RSS is sampled during each side to show memory stays flat.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Entry, type ZipFile as Yauzl } from 'yauzl';
import { ZipFile } from 'yazl';
import { openWorkPackage } from '../src-main/services/packages';
import { DEFAULT_PACKAGE_LIMITS } from '../src-main/services/packages/limits';
import { readCentralDirectory, streamEntry } from '../src-main/services/packages/zip';
import { envelopeBytes, makeKey, makeManifest, trustOnly } from '../test/main/packages/factory';
import { compare, measure, ms, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const CLASSES = 50;
const TRAINEES_PER_CLASS = 100;
const MiB = 1024 * 1024;

async function buildPackage(dir: string) {
  const key = makeKey();
  const { manifest } = makeManifest({
    classes: CLASSES,
    traineesPerClass: TRAINEES_PER_CLASS,
    fileBytes: 0,
  });
  const src = join(dir, 'src');
  const sources: string[] = [];
  let bytes = 0;
  manifest.files.forEach((file, i) => {
    const data = randomBytes(randomInt(20 * 1024, 40 * 1024));
    const path = `${src}-${i}`;
    writeFileSync(path, data);
    sources.push(path);
    file.size = data.length;
    file.sha256 = createHash('sha256').update(data).digest('hex');
    bytes += data.length;
  });
  const zip = new ZipFile();
  zip.addBuffer(envelopeBytes(manifest, [key]), 'envelope.json');
  manifest.files.forEach((file, i) =>
    zip.addFile(sources[i] as string, `files/${file.path}`, { compress: false }),
  );
  zip.end();
  const pkg = join(dir, 'bench.qhpkg');
  await new Promise<void>((resolve, reject) =>
    zip.outputStream
      .pipe(createWriteStream(pkg))
      .on('close', () => resolve())
      .on('error', reject),
  );
  for (const s of sources) rmSync(s);
  return { pkg, trustedKeys: trustOnly(key), files: manifest.files.length, bytes };
}

/** The floor: every entry's bytes streamed out of the ZIP and dropped. */
function readAllEntries(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, { lazyEntries: true, validateEntrySizes: true }, (err, zip: Yauzl) => {
      if (err) return reject(err);
      let total = 0;
      zip.on('error', reject);
      zip.on('end', () => resolve(total));
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          stream.on('data', (chunk: Buffer) => (total += chunk.length));
          stream.on('error', reject);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

/** The same bytes through our read-ahead reader, unhashed: what verification alone adds. */
async function readAllViaOurReader(path: string): Promise<void> {
  const { zip, files } = await readCentralDirectory(path, 'bench', DEFAULT_PACKAGE_LIMITS);
  try {
    for (const [name, entry] of files) await streamEntry(zip, entry, name, 'bench', () => {});
  } finally {
    zip.close();
  }
}

function rssSampler() {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const bench: Benchmark = {
  name: 'package-import',
  goal: 2,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qhpkg-bench-'));
    try {
      const built = await buildPackage(dir);
      const rssBefore = process.memoryUsage().rss;
      let oursPeak = 0;
      let basePeak = 0;
      const result = await compare(
        async () => {
          const sampler = rssSampler();
          const opened = await openWorkPackage(built.pkg, { trustedKeys: built.trustedKeys });
          oursPeak = Math.max(oursPeak, sampler.stop());
          if (!opened.ok) throw new Error(`${opened.code}: ${opened.message}`);
        },
        async () => {
          const sampler = rssSampler();
          await readAllEntries(built.pkg);
          basePeak = Math.max(basePeak, sampler.stop());
        },
      );
      const sameReader = await measure(() => readAllViaOurReader(built.pkg), {
        runs: 3,
        warmup: 0,
      });
      return {
        ...resultOf(result),
        details: {
          files: built.files,
          'package MiB': ms(built.bytes / MiB),
          'ours MB/s': ms(built.bytes / MiB / (result.ours.median / 1000)),
          'read only, our reader ms': ms(sameReader.median),
          'ours / read only, our reader': ms(result.ours.median / sameReader.median),
          'rss before MiB': ms(rssBefore / MiB),
          'peak rss ours MiB': ms(oursPeak / MiB),
          'peak rss baseline MiB': ms(basePeak / MiB),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
