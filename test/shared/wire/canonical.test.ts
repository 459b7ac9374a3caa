import { describe, expect, it } from 'vitest';
import { canonicalJson, tryCanonicalJson } from '../../../src-shared/wire/canonical';

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '中文' } })).toBe(
      '{"a":{"c":"中文","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for objects built in a different key order', () => {
    const one = { seq: 1, actor: 'p-1', payload: { score: 40, id: 'r' } };
    const two = { payload: { id: 'r', score: 40 }, actor: 'p-1', seq: 1 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('drops undefined properties like JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses values JSON cannot carry exactly and names where they are', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow();
    expect(tryCanonicalJson({ when: new Date(0) })).toMatchObject({
      ok: false,
      code: 'not-canonical',
    });
    const r = tryCanonicalJson({ x: { y: Infinity } });
    expect(!r.ok && r.message).toContain('$.x.y');
  });
});
