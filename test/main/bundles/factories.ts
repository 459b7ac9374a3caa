// Small factories for sync tests: signers, review records, a fake OS sealer, a platform
// (intake + its key) with enrolled workstations, and byte-level tampering of .qhres files.
import {
  base64ToBytes,
  bytesToBase64,
  envelopeSchema,
  type Envelope,
} from '../../../src-shared/wire/envelope';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import { generateSigningKey, type SigningKey } from '../../../src-main/services/crypto/ed25519';
import { signerFromKey, type Signer } from '../../../src-main/services/keys/signer';
import type { OsSealer } from '../../../src-main/services/keys/osSealer';
import { exportEnrollmentRequest } from '../../../src-main/services/keys/enrollment';
import { createIntake, type Intake } from '../../../src-main/services/intake/intake';
import { memoryStorage } from '../../../src-main/services/intake/state';
import { writeZip } from '../../../src-main/services/bundles/zip';
import { readZip } from '../demo/zip';
import { buildResultBundle } from '../../../src-main/services/bundles/build';

export function makeSigner(): Signer & { key: SigningKey } {
  const key = generateSigningKey();
  return Object.assign(signerFromKey(key), { key });
}

export function makeReview(n: number, overrides: Partial<ResultRecord> = {}): ResultRecord {
  return {
    id: `rev-${n}`,
    kind: 'review',
    createdAt: '2026-03-02T10:00:00+08:00',
    payload: {
      submissionId: `sub-${n}`,
      expertId: 'exp-1',
      scores: { c1: 18, c2: 22 },
      total: 40 + (n % 60),
      comment: `第 ${n} 份计划书评审意见`,
    },
    ...overrides,
  };
}

export function makeReviews(count: number, from = 1): ResultRecord[] {
  return Array.from({ length: count }, (_, i) => makeReview(from + i));
}

/** A profile's first bundle (counter 1, no predecessor, no audit head), built or the test fails. */
export async function firstBundle(
  signers: Signer[],
  opts: { profileId?: string; records?: ResultRecord[] } = {},
) {
  const built = await buildResultBundle(
    {
      profileId: opts.profileId ?? 'p',
      counter: 1,
      previousBundleHash: null,
      auditLogHead: null,
      records: opts.records ?? makeReviews(1),
    },
    signers,
  );
  if (!built.ok) throw new Error(built.message);
  return built;
}

/** A stand-in for Electron safeStorage: reversible, bound to one "machine" secret. */
export function fakeSealer(
  opts: { backend?: string; available?: boolean; machine?: string } = {},
): OsSealer {
  const machine = opts.machine ?? 'machine-a';
  const tag = `sealed:${machine}:`;
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    backend: () => opts.backend ?? 'gnome_libsecret',
    encryptString: (s) => Buffer.from(tag + Buffer.from(s, 'utf8').toString('base64')),
    decryptString: (b) => {
      const t = b.toString('utf8');
      if (!t.startsWith(tag)) throw new Error('cannot decrypt on this machine');
      return Buffer.from(t.slice(tag.length), 'base64').toString('utf8');
    },
  };
}

export const PLATFORM_WINDOW = {
  notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2027-01-01T00:00:00Z',
};

export interface TestPlatform {
  intake: Intake;
  key: SigningKey;
  storage: ReturnType<typeof memoryStorage>;
  trust: Map<string, Uint8Array>;
}

export function makePlatform(
  now: () => Date = () => new Date('2026-03-02T02:00:00Z'),
  options: { acceptDemo?: boolean } = {},
): TestPlatform {
  const key = generateSigningKey();
  const storage = memoryStorage();
  const intake = createIntake({
    platformKeys: [{ key, ...PLATFORM_WINDOW }],
    storage,
    now,
    ...options,
  });
  return { intake, key, storage, trust: new Map([[key.keyid, key.publicKeyRaw]]) };
}

export async function enrollAt(
  platform: TestPlatform,
  signer: Signer,
  profileId: string,
  role: 'expert' | 'chair' = 'expert',
) {
  const req = exportEnrollmentRequest(
    signer,
    { id: profileId, name: '张评审', role, district: '海淀区' },
    new Date('2026-03-01T00:00:00Z'),
  );
  const r = await platform.intake.enroll(req.text);
  if (!r.ok) throw new Error(r.message);
  return r;
}

export async function zipEntries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = await readZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return new Map([...files].map(([name, data]) => [name, new Uint8Array(data)]));
}

export async function rezip(files: Map<string, Uint8Array>): Promise<Uint8Array> {
  return writeZip([...files].map(([name, data]) => ({ name, data })));
}

export function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = ((at % copy.length) + copy.length) % copy.length;
  copy[i] = (copy[i] ?? 0) ^ 0x01;
  return copy;
}

/** Rewrites the envelope inside a .qhres with `edit` and re-zips everything else untouched. */
export async function editEnvelope(
  bundle: Uint8Array,
  edit: (env: Envelope) => Envelope,
): Promise<Uint8Array> {
  const files = await zipEntries(bundle);
  const env = envelopeSchema.parse(
    JSON.parse(new TextDecoder().decode(files.get('envelope.json'))),
  );
  files.set('envelope.json', new TextEncoder().encode(JSON.stringify(edit(env))));
  return rezip(files);
}

export function flipPayloadByte(env: Envelope, at: number): Envelope {
  return { ...env, payload: bytesToBase64(flipByte(base64ToBytes(env.payload), at)) };
}
