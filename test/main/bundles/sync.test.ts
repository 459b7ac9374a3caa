import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntry } from '../../../src-shared/auditlog/chain';
import { prepareBundle } from '../../../src-main/services/bundles/outbox';
import { syncPendingBundle } from '../../../src-main/services/bundles/upload';
import {
  startIntakeServer,
  type RunningIntakeServer,
} from '../../../src-main/services/intake/server';
import {
  exportEnrollmentRequest,
  importEnrollmentReply,
  platformTrust,
} from '../../../src-main/services/keys/enrollment';
import { createProfileKey, unlockProfileKey } from '../../../src-main/services/keys/keystore';
import { fakeSealer, makePlatform, makeReviews } from './factories';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

let server: RunningIntakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('sync from a sealed profile key to acknowledged records', () => {
  it('enrolls the expert and chair, co-signs a bundle, uploads it and applies the receipt', async () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const dir = await temp.make('qh-station-');
    const keys = {
      dir: path.join(dir, 'keys'),
      sealer: fakeSealer(),
      scrypt: { N: 1024, r: 8, p: 1 },
    };
    const platform = makePlatform(() => now);
    server = await startIntakeServer(platform.intake, { port: 0 });

    const people = [
      { id: 'p-expert', name: '王专家', role: 'expert' as const, pass: 'expert-passphrase' },
      { id: 'p-chair', name: '李组长', role: 'chair' as const, pass: 'chair-passphrase' },
    ];
    const signers = [];
    for (const p of people) {
      await createProfileKey(keys, p.id, p.pass);
      const unlocked = await unlockProfileKey(keys, p.id, p.pass);
      if (!unlocked.ok) throw new Error(unlocked.message);
      signers.push(unlocked.signer);
      const request = exportEnrollmentRequest(unlocked.signer, { ...p, district: '海淀区' }, now);
      const res = await fetch(`${server.url}/v1/enrollments`, {
        method: 'POST',
        body: request.text,
      });
      expect(res.status).toBe(200);
      const imported = await importEnrollmentReply({
        dir: keys.dir,
        profileId: p.id,
        workstationKeyid: unlocked.signer.keyid,
        text: await res.text(),
        now,
        expectedKeyid: platform.key.keyid,
      });
      expect(imported.ok).toBe(true);
    }

    const head = await appendEntry(null, {
      at: now.toISOString(),
      actor: 'p-expert',
      action: 'submit',
      entityKind: 'review',
      entityId: 'rev-1',
      payload: { total: 80 },
    });
    const outbox = path.join(dir, 'outbox');
    const built = await prepareBundle(
      {
        dir: outbox,
        profileId: 'p-expert',
        records: makeReviews(3),
        auditLogHead: { seq: head.seq, hash: head.entryHash },
        now,
      },
      signers,
    );
    expect(built).toMatchObject({ ok: true, manifest: { counter: 1 } });
    if (built.ok)
      expect(built.envelope.signatures.map((s) => s.keyid)).toEqual(signers.map((s) => s.keyid));

    const trust = await platformTrust(keys.dir, 'p-expert', now);
    if (!trust.ok) throw new Error(trust.message);
    const synced = await syncPendingBundle({
      dir: outbox,
      profileId: 'p-expert',
      url: server.url,
      platformKeys: trust.keys,
      now,
    });
    expect(synced).toMatchObject({ ok: true, newlyAcknowledged: ['rev-1', 'rev-2', 'rev-3'] });
    expect(
      await syncPendingBundle({
        dir: outbox,
        profileId: 'p-expert',
        url: server.url,
        platformKeys: trust.keys,
      }),
    ).toEqual({ ok: true, nothingPending: true });
  });
});
