import { describe, expect, it } from 'vitest';
import {
  pickAuditClass,
  type PickClassInput,
} from '../../../src-renderer/features/audit/pickClass';

const classes = [{ id: 'C-2024-HD-O03' }, { id: 'C-2025-HD-B01' }, { id: 'C-2025-HD-B02' }];
const sessions = classes.map((c) => ({
  classId: c.id,
  videoFileIds: [`v-${c.id}`],
  clipFileIds: [`k-${c.id}`],
}));
const base: PickClassInput = {
  classes,
  sessions,
  files: classes.map((c) => ({ id: `v-${c.id}`, location: 'missing' as const })),
  sampledClassIds: new Set(),
  verdicts: [],
  playable: () => false,
};
const conclusion = (classId: string) => ({
  subject: 'class' as const,
  packageId: 'p',
  classId,
  conclusion: 'pass' as const,
  note: '',
  watchedMinutes: {},
});

describe('pickAuditClass', () => {
  it('opens on the first class when nothing waits and no media are on hand', () => {
    expect(pickAuditClass(base)).toBe('C-2024-HD-O03');
    expect(pickAuditClass({ ...base, classes: [] })).toBeUndefined();
  });

  it('opens on the class whose media were found on the drive or verified', () => {
    expect(
      pickAuditClass({
        ...base,
        files: [{ id: 'v-C-2025-HD-B01', location: 'external' }],
      }),
    ).toBe('C-2025-HD-B01');
    expect(pickAuditClass({ ...base, playable: (id) => id === 'k-C-2025-HD-B02' })).toBe(
      'C-2025-HD-B02',
    );
  });

  it('prefers a drawn sample not yet concluded over media on hand', () => {
    const input = {
      ...base,
      files: [{ id: 'v-C-2025-HD-B01', location: 'external' as const }],
      sampledClassIds: new Set(['C-2025-HD-B02']),
    };
    expect(pickAuditClass(input)).toBe('C-2025-HD-B02');
    expect(pickAuditClass({ ...input, verdicts: [conclusion('C-2025-HD-B02')] })).toBe(
      'C-2025-HD-B01',
    );
  });
});
