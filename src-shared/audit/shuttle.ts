// J / K / L shuttle as editors know it: L plays forward and each further L doubles the speed,
// J does the same backwards, K stops. Reverse speeds are negative.

export const SHUTTLE_SPEEDS = [1, 2, 4] as const;
/** The speeds the speed menu offers (0.25×–4×). */
export const PLAYBACK_RATES = [0.25, 0.5, 1, 1.5, 2, 3, 4] as const;

export function shuttle(current: number, key: 'j' | 'k' | 'l'): number {
  if (key === 'k') return 0;
  const dir = key === 'l' ? 1 : -1;
  if (Math.sign(current) !== dir) return dir;
  const next = SHUTTLE_SPEEDS.find((s) => s > Math.abs(current));
  return dir * (next ?? SHUTTLE_SPEEDS[SHUTTLE_SPEEDS.length - 1]!);
}

export type PlayerAction =
  | { kind: 'toggle' }
  | { kind: 'shuttle'; key: 'j' | 'k' | 'l' }
  | { kind: 'frame'; dir: 1 | -1 }
  | { kind: 'seek'; by: number }
  | { kind: 'fullscreen' }
  | { kind: 'finding' };

/** The player's keyboard map; null for keys it leaves alone. */
export function playerAction(e: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
      return { kind: 'toggle' };
    case 'k':
    case 'K':
      return { kind: 'shuttle', key: 'k' };
    case 'j':
    case 'J':
      return { kind: 'shuttle', key: 'j' };
    case 'l':
    case 'L':
      return { kind: 'shuttle', key: 'l' };
    case ',':
      return { kind: 'frame', dir: -1 };
    case '.':
      return { kind: 'frame', dir: 1 };
    case 'ArrowLeft':
      return { kind: 'seek', by: e.shiftKey ? -10 : -5 };
    case 'ArrowRight':
      return { kind: 'seek', by: e.shiftKey ? 10 : 5 };
    case 'f':
    case 'F':
      return { kind: 'fullscreen' };
    case 'n':
    case 'N':
      return { kind: 'finding' };
    default:
      return null;
  }
}
