// A list of like records as columns, for keeping it in IndexedDB between sessions (the queue's
// package part, queueLive.ts). Stored as 50,000 objects, or as one JSON string, the list cost
// more to read than to rebuild in part: every key repeated per record, and one Chinese
// character made the whole JSON string two bytes per character. As columns, each field is one
// array (ASCII ids stay one-byte strings in the structured clone), and a field with few
// distinct values (package, panel, class, due date) is stored once per value with a code per
// record. Records are nested at most one level (QueueBase holds its assignment and submission
// rows); a field a record lacks comes back absent, and `null` comes back `null`.

/** Stored as it is (a structured clone): one entry per field. */
export interface Columns {
  count: number;
  fields: Column[];
}

interface Column {
  /** The field's key, and for a nested record's field the key inside it. */
  path: [string] | [string, string];
  /** The values in record order, or the distinct values when `codes` is set. */
  values: unknown[];
  /** Per record, the index of its value in `values`. */
  codes?: Uint16Array;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field with at most this many distinct values (and few per record) is stored by code. */
const MAX_CODES = 0xffff;

export function toColumns(records: readonly object[]): Columns {
  const count = records.length;
  const byPath = new Map<string, { path: Column['path']; values: unknown[] }>();
  const column = (path: Column['path']) => {
    const name = path.join('\u0000');
    let c = byPath.get(name);
    if (!c) byPath.set(name, (c = { path, values: new Array<unknown>(count).fill(undefined) }));
    return c.values;
  };
  records.forEach((record, i) => {
    for (const [key, value] of Object.entries(record)) {
      if (isRecord(value)) {
        // Marks the nested record as present. A record nested but empty everywhere comes back
        // as `true`: QueueBase's assignment and submission always have fields.
        column([key])[i] = true;
        for (const [inner, v] of Object.entries(value)) column([key, inner])[i] = v;
      } else column([key])[i] = value;
    }
  });
  const fields: Column[] = [];
  for (const { path, values } of byPath.values()) {
    const distinct = new Map<unknown, number>();
    let coded = true;
    for (const v of values) {
      if (typeof v === 'object' && v !== null) {
        coded = false;
        break;
      }
      if (!distinct.has(v)) distinct.set(v, distinct.size);
      if (distinct.size > MAX_CODES || distinct.size > count / 4 + 1) {
        coded = false;
        break;
      }
    }
    if (!coded) {
      fields.push({ path, values });
      continue;
    }
    const codes = new Uint16Array(count);
    values.forEach((v, i) => (codes[i] = distinct.get(v)!));
    fields.push({ path, values: [...distinct.keys()], codes });
  }
  return { count, fields };
}

/** The records again: each an object with the fields it had. */
export function fromColumns<T>(columns: Columns): T[] {
  const records = Array.from({ length: columns.count }, (): Record<string, unknown> => ({}));
  // Nested records first, so that their fields have an object to go in.
  const ordered = [...columns.fields].sort((a, b) => a.path.length - b.path.length);
  // A nested record's key holds `true` where the record has it (see toColumns).
  const nested = new Set(columns.fields.filter((f) => f.path.length === 2).map((f) => f.path[0]));
  for (const { path, values, codes } of ordered) {
    const at = codes ? (i: number) => values[codes[i]!] : (i: number) => values[i];
    const [key, inner] = path;
    for (let i = 0; i < columns.count; i++) {
      const v = at(i);
      if (v === undefined) continue;
      const record = records[i]!;
      if (inner === undefined) record[key] = v === true && nested.has(key) ? {} : v;
      else (record[key] as Record<string, unknown>)[inner] = v;
    }
  }
  return records as T[];
}

/** Whether a stored value has the shape toColumns gives (it may come from an older build). */
export function isColumns(v: unknown): v is Columns {
  if (!isRecord(v) || typeof v.count !== 'number' || !Array.isArray(v.fields)) return false;
  return v.fields.every(
    (f) =>
      isRecord(f) &&
      Array.isArray(f.path) &&
      Array.isArray(f.values) &&
      (f.codes === undefined || f.codes instanceof Uint16Array),
  );
}
