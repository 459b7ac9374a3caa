import { describe, expect, it } from 'vitest';
import { clipHours, sessionStartMs } from '../../../src-shared/records/clipHours';

const session = (clipFileIds: string[], minutes = 180) => ({
  date: '2025-03-10',
  startTime: '09:00',
  minutes,
  clipFileIds,
});
const times = (map: Record<string, string>) => (id: string) =>
  id in map ? { capturedAt: map[id] } : {};

describe('which class hour a clip proves', () => {
  it('starts sessions in Beijing time', () => {
    expect(new Date(sessionStartMs(session([]))).toISOString()).toBe('2025-03-10T01:00:00.000Z');
  });

  it('puts timed clips in the hour their capture falls in and leaves the gap named', () => {
    const r = clipHours(
      session(['a', 'b', 'c']),
      times({
        a: '2025-03-10T09:03:00+08:00',
        b: '2025-03-10T10:40:00+08:00', // 100 min in: hour 3
        c: '2025-03-10T03:20:00Z', // 11:20 Beijing, 140 min in: hour 4
      }),
      45,
    );
    expect(r.hours.map((h) => [h.hour, h.clipFileIds])).toEqual([
      [1, ['a']],
      [2, []],
      [3, ['b']],
      [4, ['c']],
    ]);
    expect(r.hours[1]).toMatchObject({
      startsAt: '2025-03-10T09:45:00+08:00',
      endsAt: '2025-03-10T10:30:00+08:00',
    });
    expect(r.outside).toEqual([]);
  });

  it('reads untimed clips (formats 1 and 2) in filing order, as before', () => {
    const r = clipHours(session(['a', 'b', 'c']), () => ({}), 45);
    expect(r.hours.map((h) => h.clipFileIds)).toEqual([['a'], ['b'], ['c'], []]);
  });

  it('lets an untimed clip fill the first hour no timed clip took', () => {
    const r = clipHours(session(['x', 'a']), times({ a: '2025-03-10T09:10:00+08:00' }), 45);
    expect(r.hours.map((h) => h.clipFileIds)).toEqual([['a'], ['x'], [], []]);
  });

  it('fills the free hours with untimed clips around the timed ones, first to last', () => {
    const r = clipHours(
      session(['x', 'a', 'y', 'z', 'w']),
      times({ a: '2025-03-10T09:50:00+08:00' }),
      45,
    );
    expect(r.hours.map((h) => h.clipFileIds)).toEqual([['x'], ['a'], ['y'], ['z']]);
    expect(r.outside).toEqual(['w']);
  });

  it('sets aside clips captured before the start or after the last whole hour', () => {
    const r = clipHours(
      session(['early', 'late', 'ok'], 100),
      times({
        early: '2025-03-10T08:59:59+08:00',
        late: '2025-03-10T10:31:00+08:00', // hour 3 of a 100-minute session is not a whole hour
        ok: '2025-03-10T09:50:00+08:00',
      }),
      45,
    );
    expect(r.hours.map((h) => h.clipFileIds)).toEqual([[], ['ok']]);
    expect(r.outside).toEqual(['early', 'late']);
  });
});
