// How close bundle-sign can get to its goal at all: the same 10,000 reviews through only the
// work no bundle can skip (serialise, encode, SHA-256 and CRC-32 the records; then decode, hash
// and parse them back), against bundle-sign's own floor (JSON.stringify + SHA-256). Nothing of
// ours runs here but the UTF-8 conversion the bundles use (src-main/common/utf8.ts): no
// validation, no manifest, no signatures, no ZIP writer or reader, and the CRC is Node's native
// one. If this ratio is near 3 on a machine, bundle-sign cannot hold ≤ 3 there by cutting our
// code; what is left is V8's JSON.stringify and JSON.parse. Not a registered *.bench.ts (it
// measures no product code beyond that conversion).
//   npx tsx bench/bundle-sign-floor.ts
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { decodeStrictUtf8, encodeJsonArrayUtf8 } from '../src-main/common/utf8';
import { makeReviews } from './bundle-sign.bench';
import { compare, ms } from './lib/measure';

async function main() {
  const records = makeReviews(10_000);
  const pipeline = () => {
    const bytes = encodeJsonArrayUtf8(records);
    createHash('sha256').update(bytes).digest('hex');
    crc32(bytes);
    createHash('sha256').update(bytes).digest('hex');
    // Returns nothing: compare() reads a returned number as the call timing itself.
    if (!Array.isArray(JSON.parse(decodeStrictUtf8(bytes)))) throw new Error('records lost');
  };
  const floor = () => {
    createHash('sha256').update(JSON.stringify(records)).digest('hex');
  };
  const c = await compare(pipeline, floor);
  const line = (s: { min: number; median: number; max: number }) =>
    `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)} ms`;
  console.log(
    `irreducible pipeline vs floor: ratio ${(c.ours.median / c.baseline.median).toFixed(2)}`,
  );
  console.log(`  pipeline min/median/max ${line(c.ours)} (${c.batch.ours} calls per run)`);
  console.log(`  floor    min/median/max ${line(c.baseline)} (${c.batch.baseline} calls per run)`);
}

void main();
