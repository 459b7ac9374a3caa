import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import { emptyPackageRecords } from '../../../src-shared/records/records';
import {
  checkChairSignatures,
  panelChairsOf,
  type PanelChair,
} from '../../../src-shared/panel/chairSignature';

const key = (n: number) => ({
  keyid: String(n).repeat(64).slice(0, 64),
  publicKey: 'A'.repeat(43) + '=',
});
const CHAIR_KEY = key(1);
const OTHER_EXPERT_KEY = key(2);
const PROFILE_KEY = key(3).keyid;

const chair: PanelChair = {
  packageId: 'pkg',
  panelId: 'panel-plan',
  panelName: '创业计划书评审组',
  chairExpertId: 'exp-01',
  chairName: '韩秀英',
  keys: [CHAIR_KEY],
};
const chairs = new Map([[chair.panelId, chair]]);

function decision(overrides: Record<string, unknown> = {}): ResultRecord {
  return {
    id: 'pd-1',
    kind: 'panel-decision',
    createdAt: '2026-03-02T10:00:00+08:00',
    payload: { panelId: 'panel-plan', chairExpertId: 'exp-01', action: 'decide', ...overrides },
  };
}
const review: ResultRecord = {
  id: 'rv-1',
  kind: 'review',
  createdAt: '2026-03-02T10:00:00+08:00',
  payload: {},
};

describe('the chair signature a panel decision needs', () => {
  it('accepts a decision co-signed by a key listed for the panel chair, and names that signer', () => {
    const r = checkChairSignatures([review, decision()], [PROFILE_KEY, CHAIR_KEY.keyid], chairs);
    expect(r).toEqual({
      ok: true,
      chairSigners: [
        {
          panelId: 'panel-plan',
          panelName: '创业计划书评审组',
          chairExpertId: 'exp-01',
          chairName: '韩秀英',
          keyid: CHAIR_KEY.keyid,
        },
      ],
    });
  });

  it('refuses a decision signed only by the profile key', () => {
    const r = checkChairSignatures([decision()], [PROFILE_KEY], chairs);
    expect(r).toMatchObject({ ok: false, code: 'chair-signature-missing' });
    if (!r.ok) expect(r.message).toContain('韩秀英');
  });

  it('refuses a decision co-signed by an expert who does not chair the panel', () => {
    const r = checkChairSignatures([decision()], [PROFILE_KEY, OTHER_EXPERT_KEY.keyid], chairs);
    expect(r).toMatchObject({ ok: false, code: 'chair-signature-missing' });
  });

  it('refuses a decision that names someone else as chair, even when the chair signed', () => {
    const r = checkChairSignatures(
      [decision({ chairExpertId: 'exp-02' })],
      [CHAIR_KEY.keyid],
      chairs,
    );
    expect(r).toMatchObject({ ok: false, code: 'chair-mismatch' });
  });

  it('refuses a decision for a panel the verifier does not know', () => {
    const r = checkChairSignatures([decision({ panelId: 'panel-x' })], [CHAIR_KEY.keyid], chairs);
    expect(r).toMatchObject({ ok: false, code: 'unknown-panel' });
  });

  it('refuses a decision without a panel or chair as malformed', () => {
    const r = checkChairSignatures([decision({ panelId: 7 })], [CHAIR_KEY.keyid], chairs);
    expect(r).toMatchObject({ ok: false, code: 'invalid-payload' });
  });

  it('asks nothing of a bundle without decisions', () => {
    expect(checkChairSignatures([review], [PROFILE_KEY], new Map())).toEqual({
      ok: true,
      chairSigners: [],
    });
  });

  it('reads each panel chair and their listed keys from the package records', () => {
    const records = {
      ...emptyPackageRecords(),
      experts: [
        { id: 'exp-01', name: '韩秀英', keys: [CHAIR_KEY] },
        { id: 'exp-02', name: '杨振华' },
      ],
      panels: [
        { id: 'panel-plan', name: '创业计划书评审组', chairId: 'exp-01', expertIds: ['exp-02'] },
        { id: 'panel-web', name: '网店评审组', chairId: 'exp-02', expertIds: ['exp-01'] },
      ],
    };
    expect(panelChairsOf('pkg', records)).toEqual([
      chair,
      {
        packageId: 'pkg',
        panelId: 'panel-web',
        panelName: '网店评审组',
        chairExpertId: 'exp-02',
        chairName: '杨振华',
        keys: [],
      },
    ]);
  });
});
