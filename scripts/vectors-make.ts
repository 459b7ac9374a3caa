// npm run vectors:make — rewrites test/fixtures/vectors/result-bundle-v2.qhres and the expected
// values in result-bundle-v2.json from the inputs in that same JSON. Run it only for an
// intended format change: test/main/crypto/bundleVector.test.ts fails on any unintended one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildResultBundle } from '../src-main/services/bundles/build';
import { signingKeyFromSeed } from '../src-main/services/crypto/seed';
import { sha256Hex } from '../src-main/services/crypto/hash';
import { signerFromKey } from '../src-main/services/keys/signer';
import { parseBundleVector } from '../test/fixtures/vectors/bundleVector';

const DIR = path.join(__dirname, '../test/fixtures/vectors');
const JSON_PATH = path.join(DIR, 'result-bundle-v2.json');

async function main(): Promise<void> {
  const vector = parseBundleVector(readFileSync(JSON_PATH, 'utf8'));
  const signers = vector.signerSeedsHex.map((h) =>
    signerFromKey(signingKeyFromSeed(Buffer.from(h, 'hex'))),
  );
  const built = await buildResultBundle(vector.inputFor(), signers);
  if (!built.ok) throw new Error(built.message);
  writeFileSync(path.join(DIR, 'result-bundle-v2.qhres'), built.bytes);
  const expected = { bundleHash: built.bundleHash, fileSha256: sha256Hex(built.bytes) };
  writeFileSync(JSON_PATH, `${JSON.stringify({ ...vector.raw, expected }, null, 2)}\n`);
  console.log(`result-bundle-v2.qhres ${built.bytes.byteLength} bytes, hash ${built.bundleHash}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
