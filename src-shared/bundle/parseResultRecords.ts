// records.json of a large bundle holds thousands of records. zod builds a fresh copy of every
// one, which made schema checking the largest cost of verifying a 10,000-review bundle after
// the JSON itself. The common case — every record has exactly the schema's keys, all valid —
// is checked in place here and the input returned as is, which is what zod would return key
// for key. Anything else (an extra key to strip, a bad value, a duplicate) goes to zod, so
// errors and stripping stay zod's. test/shared/bundle/parseResultRecords.test.ts holds the
// two paths to the same answers.
import { z } from 'zod';
import { RECORD_ID_PATTERN } from '../wire/primitives';
import {
  isPlainObject,
  resultRecordKinds,
  resultRecordsSchema,
  type ResultRecord,
} from './resultBundle';

const ISO_INSTANT = z.regexes.datetime({ offset: true, local: false });
const KINDS: ReadonlySet<string> = new Set(resultRecordKinds);

// Compared rather than looked up in a Set: property names are internalised strings in V8, so
// each comparison is a pointer check, about half the cost of hashing into a Set per key.
function isRecordKey(key: string): boolean {
  return (
    key === 'id' ||
    key === 'kind' ||
    key === 'createdAt' ||
    key === 'payload' ||
    key === 'supersedes'
  );
}

function isId(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= 64 && RECORD_ID_PATTERN.test(v);
}

function isCleanRecord(r: unknown): boolean {
  if (!isPlainObject(r)) return false;
  for (const key in r) if (!Object.hasOwn(r, key) || !isRecordKey(key)) return false;
  return (
    isId(r.id) &&
    typeof r.kind === 'string' &&
    KINDS.has(r.kind) &&
    (!('supersedes' in r) || isId(r.supersedes)) &&
    typeof r.createdAt === 'string' &&
    ISO_INSTANT.test(r.createdAt) &&
    isPlainObject(r.payload)
  );
}

// Ids are checked for repeats in sixteen Sets picked by the id's last character rather than in
// one: a Set of 10,000 strings outgrows V8's regular heap pages and its table is rebuilt in
// large-object space, which cost ~2 ms of the ~3.5 ms this check takes; sixteen small Sets
// answer the same question in ~0.5 ms, whatever the ids look like (sequential or UUIDs).
const ID_SHARDS = 16;

function isCleanList(json: unknown): json is ResultRecord[] {
  if (!Array.isArray(json)) return false;
  const ids = Array.from({ length: ID_SHARDS }, () => new Set<string>());
  for (const r of json as unknown[]) {
    if (!isCleanRecord(r)) return false;
    const id = (r as { id: string }).id;
    const seen = ids[id.charCodeAt(id.length - 1) & (ID_SHARDS - 1)]!;
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** resultRecordsSchema.safeParse, without copying records that need no change. */
export function parseResultRecords(json: unknown): z.ZodSafeParseResult<ResultRecord[]> {
  if (isCleanList(json)) return { success: true, data: json };
  return resultRecordsSchema.safeParse(json);
}
