// The JSON Schemas (2020-12) published in docs/schemas/ for implementers on the platform side,
// generated from the zod schemas that the workstation itself parses with, so the two cannot
// drift (test/shared/wire/jsonSchemas.test.ts compares the committed files with these).
// A JSON Schema states the shape; the rules between fields (unique ids, counter 1 ⇔ no previous
// hash, …) are in docs/formats.md, where each schema is linked.
import { z } from 'zod';
import { auditFindingPayloadSchema } from '../audit/findings';
import { samplingPlanPayloadSchema } from '../audit/sampling';
import { auditVerdictPayloadSchema } from '../audit/verdicts';
import { enrollmentReplySchema, enrollmentRequestSchema } from '../keys/enrollment';
import { envelopeSchema } from './envelope';
import { receiptSchema } from '../bundle/receipt';
import { workPackageManifestSchema } from '../records/records';
import {
  recordPayloadSchema,
  resultBundleManifestSchema,
  resultRecordsSchema,
} from '../bundle/resultBundle';

/** File name (without `.schema.json`) → the zod schema and what it describes. */
export const publishedSchemas = {
  envelope: { schema: envelopeSchema, title: 'Signed envelope (DSSE v1)' },
  'work-package-manifest': {
    schema: workPackageManifestSchema,
    title: 'Work package manifest (工作包清单), the payload of a work package envelope',
  },
  'result-bundle-manifest': {
    schema: resultBundleManifestSchema,
    title: 'Result bundle manifest (结果包清单), the payload of a result bundle envelope',
  },
  'result-records': {
    schema: resultRecordsSchema,
    title: 'records.json of a result bundle',
  },
  'sampling-plan-payload': {
    schema: samplingPlanPayloadSchema,
    title: 'Payload of a sampling-plan record (抽查样本)',
  },
  'finding-payload': {
    schema: auditFindingPayloadSchema,
    title: 'Payload of a finding record (抽查发现)',
  },
  'audit-verdict-payload': {
    schema: auditVerdictPayloadSchema,
    title: 'Payload of an audit-verdict record (场次结论、班级结论、现场视频核查、课程包核查)',
  },
  receipt: {
    schema: receiptSchema,
    title: 'Platform receipt (平台回执), the payload of a receipt',
  },
  'enrollment-request': {
    schema: enrollmentRequestSchema,
    title: 'Enrollment request (注册申请), the payload of an enrollment request',
  },
  'enrollment-reply': {
    schema: enrollmentReplySchema,
    title: 'Enrollment reply (注册回复), the payload of an enrollment reply',
  },
} satisfies Record<string, { schema: z.ZodType; title: string }>;

export type PublishedSchemaName = keyof typeof publishedSchemas;

export const SCHEMA_ID_BASE = 'https://schemas.qihang.invalid/';

/**
 * The JSON Schema of one published format, as a writer must produce it (zod's input side: a
 * field with a default may be left out). A zod type JSON Schema cannot express fails here,
 * except the record payload, which is published as any object.
 */
export function jsonSchemaOf(name: PublishedSchemaName): Record<string, unknown> {
  const { schema, title } = publishedSchemas[name];
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === recordPayloadSchema) ctx.jsonSchema.type = 'object';
      else if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === 'custom')
        throw new Error(`${name}: a custom zod type that JSON Schema cannot express`);
    },
  }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: `${SCHEMA_ID_BASE}${name}.schema.json`,
    title,
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

/** The file text as committed: two-space JSON with a final newline. */
export function jsonSchemaText(name: PublishedSchemaName): string {
  return `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`;
}
