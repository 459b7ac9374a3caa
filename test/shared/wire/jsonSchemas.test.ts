import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  jsonSchemaText,
  publishedSchemas,
  type PublishedSchemaName,
} from '../../../src-shared/wire/jsonSchemas';

const DIR = path.resolve(__dirname, '../../../docs/schemas');
const names = Object.keys(publishedSchemas) as PublishedSchemaName[];

describe('the JSON Schemas published in docs/schemas', () => {
  it.each(names)(
    '%s.schema.json is what the code parses with (else: npm run schemas:make)',
    (name) => {
      const committed = readFileSync(path.join(DIR, `${name}.schema.json`), 'utf8');
      expect(committed).toBe(jsonSchemaText(name));
    },
  );

  it('holds no schema that the code no longer publishes', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.schema.json'));
    expect(files.sort()).toEqual(names.map((n) => `${n}.schema.json`).sort());
  });

  it('are draft 2020-12 with an id and a title each', () => {
    for (const name of names) {
      const schema = JSON.parse(jsonSchemaText(name)) as Record<string, unknown>;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toMatch(new RegExp(`/${name}\\.schema\\.json$`));
      expect(typeof schema.title).toBe('string');
    }
  });
});
