// npm run schemas:make — writes docs/schemas/<name>.schema.json from the zod schemas the
// workstation parses with. Run it after an intended format change; the test
// test/shared/wire/jsonSchemas.test.ts fails while the committed files differ.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  jsonSchemaText,
  publishedSchemas,
  type PublishedSchemaName,
} from '../src-shared/wire/jsonSchemas';

const DIR = path.join(__dirname, '../docs/schemas');
for (const name of Object.keys(publishedSchemas) as PublishedSchemaName[]) {
  const file = path.join(DIR, `${name}.schema.json`);
  writeFileSync(file, jsonSchemaText(name));
  console.log(`docs/schemas/${name}.schema.json`);
}
