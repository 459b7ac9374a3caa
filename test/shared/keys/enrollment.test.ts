import { describe, expect, it } from 'vitest';
import {
  activePlatformKeys,
  applyEnrollmentReply,
  type EnrollmentReply,
  type TrustStore,
} from '../../../src-shared/keys/enrollment';

const key = (n: number, notBefore = '2026-01-01T00:00:00Z', notAfter = '2027-01-01T00:00:00Z') => ({
  keyid: String(n).repeat(64).slice(0, 64),
  publicKey: `${'A'.repeat(42)}${n}=`,
  notBefore,
  notAfter,
});
const NOW = new Date('2026-06-01T00:00:00Z');
const WS = 'f'.repeat(64);
const reply = (over: Partial<EnrollmentReply>): EnrollmentReply => ({
  schemaVersion: 1,
  issuer: '平台',
  profileId: 'p-1',
  workstationKeyid: WS,
  issuedAt: '2026-05-01T00:00:00Z',
  platformKeys: [key(1)],
  retireKeyIds: [],
  ...over,
});
const ctx = (signedBy: string[]) => ({
  profileId: 'p-1',
  workstationKeyid: WS,
  now: NOW,
  signedBy,
});

function pinned(): TrustStore {
  const r = applyEnrollmentReply(null, reply({}), ctx([key(1).keyid]));
  if (!r.ok) throw new Error(r.message);
  return r.store;
}

describe('trust store transitions', () => {
  it('uses only keys inside their validity window and not retired', () => {
    const store: TrustStore = {
      ...pinned(),
      platformKeys: [
        key(1),
        key(2, '2026-07-01T00:00:00Z'),
        key(3, '2025-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
        { ...key(4), retiredAt: '2026-05-01T00:00:00Z' },
      ],
    };
    expect([...activePlatformKeys(store, NOW).keys()]).toEqual([key(1).keyid]);
  });

  it('refuses to retire the last valid key', () => {
    const r = applyEnrollmentReply(
      pinned(),
      reply({
        issuedAt: '2026-05-02T00:00:00Z',
        platformKeys: [key(1)],
        retireKeyIds: [key(1).keyid],
      }),
      ctx([key(1).keyid]),
    );
    expect(r).toMatchObject({ ok: false, code: 'enrollment-invalid' });
  });

  it('refuses a reply from another issuer even when signed by a pinned key', () => {
    const r = applyEnrollmentReply(
      pinned(),
      reply({ issuer: '别的平台', issuedAt: '2026-05-02T00:00:00Z' }),
      ctx([key(1).keyid]),
    );
    expect(r).toMatchObject({ ok: false, code: 'enrollment-mismatch' });
  });

  it('refuses a first reply signed by a key it does not list', () => {
    expect(applyEnrollmentReply(null, reply({}), ctx([key(2).keyid]))).toMatchObject({
      ok: false,
      code: 'enrollment-untrusted',
    });
  });
});

// A run of 8+ hex digits is a key id (or its prefix): it belongs behind 详情, not in the sentence.
const HEX_ID = /[0-9a-f]{8,}/i;

describe('refusals name the key by its role and keep ids for 详情', () => {
  const refusals = [
    {
      why: 'a reply for another profile',
      r: () => applyEnrollmentReply(null, reply({ profileId: 'p-2' }), ctx([key(1).keyid])),
      id: 'p-2',
    },
    {
      why: 'a key whose validity ends before it starts',
      r: () =>
        applyEnrollmentReply(
          null,
          reply({ platformKeys: [key(1, '2026-06-01T00:00:00Z', '2026-05-01T00:00:00Z')] }),
          ctx([key(1).keyid]),
        ),
      id: key(1).keyid,
    },
    {
      why: 'a first reply not signed by the fingerprint the person typed',
      r: () =>
        applyEnrollmentReply(null, reply({ platformKeys: [key(1), key(2)] }), {
          ...ctx([key(1).keyid]),
          expectedKeyid: key(2).keyid,
        }),
      id: key(2).keyid,
    },
    {
      why: 'retiring a key this profile never pinned',
      r: () =>
        applyEnrollmentReply(
          pinned(),
          reply({
            issuedAt: '2026-05-02T00:00:00Z',
            platformKeys: [key(1), key(2)],
            retireKeyIds: [key(3).keyid],
          }),
          ctx([key(1).keyid]),
        ),
      id: key(3).keyid,
    },
    {
      why: 'bringing back a retired key',
      r: () => {
        const two = applyEnrollmentReply(
          pinned(),
          reply({
            issuedAt: '2026-05-02T00:00:00Z',
            platformKeys: [key(1), key(2)],
            retireKeyIds: [key(2).keyid],
          }),
          ctx([key(1).keyid]),
        );
        if (!two.ok) throw new Error(two.message);
        return applyEnrollmentReply(
          two.store,
          reply({ issuedAt: '2026-05-03T00:00:00Z', platformKeys: [key(1), key(2)] }),
          ctx([key(1).keyid]),
        );
      },
      id: key(2).keyid,
    },
  ];
  for (const { why, r, id } of refusals) {
    it(`says ${why} without the id in the sentence, and gives the whole id in detail`, () => {
      const out = r();
      if (out.ok) throw new Error('expected a refusal');
      expect(out.message).not.toMatch(HEX_ID);
      expect(out.message).not.toContain(id);
      expect(out.message).toMatch(/平台密钥|用户档案/);
      expect(out.detail).toContain(id);
    });
  }
});
