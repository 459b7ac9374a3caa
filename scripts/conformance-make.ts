// npm run conformance:make — rewrites test/fixtures/conformance/ (keys, enrollment requests,
// packages, bundles, manifest.json) from the fixed seeds in test/fixtures/conformance/suite.ts.
// The output is byte-for-byte the same on every run; test/main/conformance/suite.test.ts fails
// when the committed files differ from what the script would write.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSuite } from '../test/fixtures/conformance/suite';

const DIR = path.join(__dirname, '../test/fixtures/conformance');

async function main(): Promise<void> {
  const suite = await buildSuite();
  // Generated folders only: suite.ts and any notes next to it stay.
  for (const sub of new Set([...suite.files.keys()].map((f) => f.split('/')[0]!)))
    if (sub !== 'manifest.json' && readdirSync(DIR).includes(sub))
      rmSync(path.join(DIR, sub), { recursive: true });
  for (const [file, bytes] of suite.files) {
    mkdirSync(path.dirname(path.join(DIR, file)), { recursive: true });
    writeFileSync(path.join(DIR, file), bytes);
  }
  console.log(`${suite.cases.length} cases, ${suite.files.size} files in ${DIR}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
