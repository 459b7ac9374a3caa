import { describe, expect, it } from 'vitest';
import { contentRange, parseRange } from '../../../src-main/security/range';

const SIZE = 1000;

describe('parseRange', () => {
  it('serves the whole file without a Range header', () => {
    expect(parseRange(null, SIZE)).toEqual({ kind: 'full' });
    expect(parseRange('', SIZE)).toEqual({ kind: 'full' });
  });

  it.each([
    ['bytes=0-0', 0, 0, 'the first byte'],
    ['bytes=100-199', 100, 199, 'a middle slice'],
    ['bytes=999-999', 999, 999, 'the last byte'],
    ['bytes=500-', 500, 999, 'an open end'],
    ['bytes=-10', 990, 999, 'a suffix'],
    ['bytes=-5000', 0, 999, 'a suffix longer than the file'],
    ['bytes=900-5000', 900, 999, 'an end past the file, cut to the last byte'],
    [' bytes=1-2 ', 1, 2, 'surrounding spaces'],
  ])('answers %s with bytes %i-%i (%s)', (header, start, end) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'partial', start, end });
  });

  it.each([
    'bytes=1000-',
    'bytes=1000-1001',
    'bytes=5-4',
    'bytes=-0',
    'bytes=-',
    'bytes=0-1,5-6',
    'items=0-1',
    'bytes=a-b',
    'bytes=99999999999999999999-',
  ])('refuses %s as unsatisfiable', (header) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'unsatisfiable' });
  });

  it('has nothing to give from an empty file but the whole (empty) file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(null, 0)).toEqual({ kind: 'full' });
  });

  it('writes Content-Range for a slice and for a refusal', () => {
    expect(contentRange({ kind: 'partial', start: 2, end: 5 }, SIZE)).toBe('bytes 2-5/1000');
    expect(contentRange({ kind: 'unsatisfiable' }, SIZE)).toBe('bytes */1000');
    expect(contentRange({ kind: 'full' }, SIZE)).toBeUndefined();
  });
});
