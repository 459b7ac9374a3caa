// The published JSON Schemas checked by an independent validator (ajv, draft 2020-12) against
// real documents: the demo work package, the result-bundle vector, the envelope vector and a
// freshly made enrollment. An implementer on the platform side validates with the same files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  jsonSchemaOf,
  publishedSchemas,
  type PublishedSchemaName,
} from '../../../src-shared/wire/jsonSchemas';
import { exportEnrollmentRequest } from '../../../src-main/services/keys/enrollment';
import { makePlatform, makeSigner, zipEntries } from './factories';

const ROOT = path.resolve(__dirname, '../../..');
// Formats are not validated: every date-time and hash also carries the pattern that states
// the exact profile, which is what the workstation enforces.
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
for (const name of Object.keys(publishedSchemas) as PublishedSchemaName[])
  ajv.addSchema(jsonSchemaOf(name), name);

function errorsOf(name: PublishedSchemaName, value: unknown): string[] {
  const validate = ajv.getSchema(name);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const decodePayload = (envelope: { payload: string }): unknown =>
  JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));

const documents = new Map<string, { schema: PublishedSchemaName; value: unknown }>();

beforeAll(async () => {
  const demo = await zipEntries(readFileSync(path.join(ROOT, 'resources/demo/demo.qhpkg')));
  const demoEnvelope = JSON.parse(Buffer.from(demo.get('envelope.json')!).toString('utf8'));
  documents.set('demo envelope', { schema: 'envelope', value: demoEnvelope });
  documents.set('demo manifest', {
    schema: 'work-package-manifest',
    value: decodePayload(demoEnvelope),
  });

  const vectorDir = path.join(ROOT, 'test/fixtures/vectors');
  const bundle = await zipEntries(readFileSync(path.join(vectorDir, 'result-bundle-v2.qhres')));
  const bundleEnvelope = JSON.parse(Buffer.from(bundle.get('envelope.json')!).toString('utf8'));
  documents.set('bundle envelope', { schema: 'envelope', value: bundleEnvelope });
  documents.set('bundle manifest', {
    schema: 'result-bundle-manifest',
    value: decodePayload(bundleEnvelope),
  });
  documents.set('bundle records.json', {
    schema: 'result-records',
    value: JSON.parse(Buffer.from(bundle.get('records.json')!).toString('utf8')),
  });

  const vector = JSON.parse(readFileSync(path.join(vectorDir, 'envelope-v1.json'), 'utf8'));
  documents.set('receipt vector', { schema: 'receipt', value: decodePayload(vector.envelope) });

  const request = exportEnrollmentRequest(
    makeSigner(),
    { id: 'p-schema-test', name: '张评审', role: 'expert', district: '海淀区' },
    new Date('2026-03-01T00:00:00Z'),
  );
  documents.set('enrollment request', {
    schema: 'enrollment-request',
    value: decodePayload(JSON.parse(request.text)),
  });
  const reply = await makePlatform().intake.enroll(request.text);
  if (!reply.ok) throw new Error(reply.message);
  documents.set('enrollment reply', {
    schema: 'enrollment-reply',
    value: decodePayload(JSON.parse(reply.replyText)),
  });
});

describe('published JSON Schemas against real documents (ajv 2020-12)', () => {
  it('every published schema compiles in strict mode', () => {
    for (const name of Object.keys(publishedSchemas) as PublishedSchemaName[])
      expect(ajv.getSchema(name), name).toBeTypeOf('function');
  });

  it.each([
    'demo envelope',
    'demo manifest',
    'bundle envelope',
    'bundle manifest',
    'bundle records.json',
    'receipt vector',
    'enrollment request',
    'enrollment reply',
  ])('the %s is valid', (label) => {
    const doc = documents.get(label)!;
    expect(errorsOf(doc.schema, doc.value)).toEqual([]);
  });

  it('refuses a demo manifest that lost a required field or gained a wrong type', () => {
    const manifest = structuredClone(documents.get('demo manifest')!.value) as Record<
      string,
      unknown
    >;
    const withoutId = { ...manifest };
    delete withoutId.packageId;
    expect(errorsOf('work-package-manifest', withoutId).join('\n')).toContain('packageId');
    expect(errorsOf('work-package-manifest', { ...manifest, version: 'zwei' })).not.toEqual([]);
  });

  it('refuses records.json with a record whose payload is not an object', () => {
    const records = structuredClone(documents.get('bundle records.json')!.value) as unknown[];
    (records[0] as Record<string, unknown>).payload = 'text';
    expect(errorsOf('result-records', records).join('\n')).toMatch(/payload/);
  });
});
