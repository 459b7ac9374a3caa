// Canonical JSON for things we hash rather than sign as exact bytes (audit-log entries):
// keys sorted by UTF-16 code units, no whitespace, so the same value always hashes the same
// in the renderer and in main. Signed documents do not need this (the envelope signs bytes).

export type CanonicalResult =
  { ok: true; text: string } | { ok: false; code: 'not-canonical'; message: string };

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // NaN and Infinity have no JSON form; silently writing null would hash two values alike.
      if (!Number.isFinite(value)) throw new CanonicalError(`${path} 不是有限数值`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((v, i) => encode(v, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null)
        throw new CanonicalError(`${path} 不是普通对象`);
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(obj[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalError(`${path} 的类型 ${typeof value} 无法写成 JSON`);
  }
}

class CanonicalError extends Error {}

/** Throws on values JSON cannot represent exactly (NaN, functions, class instances). */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

/** Same as canonicalJson, as a value for callers that report errors to users. */
export function tryCanonicalJson(value: unknown): CanonicalResult {
  try {
    return { ok: true, text: encode(value, '$') };
  } catch (e) {
    if (e instanceof CanonicalError)
      return { ok: false, code: 'not-canonical', message: `无法规范化：${e.message}` };
    throw e;
  }
}

export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
