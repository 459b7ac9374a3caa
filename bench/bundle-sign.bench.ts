// Build + sign + verify a result bundle of 10,000 reviews, against the floor of merely
// serialising the same records and hashing them once (JSON.stringify + SHA-256).
import { createHash } from 'node:crypto';
import type { ResultRecord } from '../src-shared/bundle/resultBundle';
import { buildResultBundle } from '../src-main/services/bundles/build';
import { verifyResultBundle } from '../src-main/services/bundles/verify';
import { generateSigningKey } from '../src-main/services/crypto/ed25519';
import { signerFromKey } from '../src-main/services/keys/signer';
import { compare, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const COUNT = 10_000;

export function makeReviews(count: number): ResultRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `rev-${i}`,
    kind: 'review' as const,
    createdAt: '2026-03-02T10:00:00+08:00',
    payload: {
      submissionId: `sub-${i}`,
      expertId: `exp-${i % 7}`,
      scores: {
        market: 15 + (i % 5),
        plan: 20 + (i % 9),
        finance: 10 + (i % 4),
        team: 8 + (i % 3),
      },
      total: 53 + (i % 21),
      verdict: i % 4 === 0 ? 'fail' : 'pass',
      comment: `第 ${i} 份创业计划书：市场分析较完整，财务测算需补充现金流假设。`,
    },
  }));
}

const bench: Benchmark = {
  name: 'bundle-sign',
  goal: 3,
  async run() {
    const records = makeReviews(COUNT);
    const expert = signerFromKey(generateSigningKey());
    const chair = signerFromKey(generateSigningKey());
    const trusted = new Map([
      [expert.keyid, expert.publicKeyRaw],
      [chair.keyid, chair.publicKeyRaw],
    ]);
    let size = 0;
    const buildAndVerify = async () => {
      const built = await buildResultBundle(
        { profileId: 'p-bench', counter: 1, previousBundleHash: null, auditLogHead: null, records },
        [expert, chair],
      );
      if (!built.ok) throw new Error(built.message);
      const verified = await verifyResultBundle(built.bytes, { trusted });
      if (!verified.ok) throw new Error(verified.message);
      size = built.bytes.byteLength;
    };
    const floor = () => createHash('sha256').update(JSON.stringify(records)).digest('hex');
    const result = await compare(buildAndVerify, floor);
    return {
      ...resultOf(result),
      details: { records: COUNT, signatures: 2, bundleBytes: size },
    };
  },
};

export default bench;
