import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  workPackageManifestSchema,
  type WorkPackageManifest,
} from '../../../src-shared/records/records';
import { keyIdOf, verifyEnvelope } from '../../../src-main/services/crypto/ed25519';
import { openWorkPackage } from '../../../src-main/services/packages';
import {
  buildDemoPackage,
  DEMO_MEDIA_DIR,
  DEMO_PACKAGE,
  DEMO_PUBLIC_KEY,
} from '../../../scripts/demo/build';
import { generateDemoRecords } from '../../../scripts/demo/records';
import { readZip } from './zip';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Files the generator only declares (size + SHA-256, no bytes anywhere), by id. */
const declaredOnly = new Set(
  generateDemoRecords(() => true)
    .files.filter((f) => f.content.type === 'declared')
    .map((f) => f.id),
);

async function openPackage(
  path: string,
): Promise<{ entries: Map<string, Buffer>; manifest: WorkPackageManifest }> {
  const entries = await readZip(readFileSync(path));
  const pub = base64ToBytes(readFileSync(DEMO_PUBLIC_KEY, 'utf8').trim());
  const check = verifyEnvelope(
    JSON.parse(entries.get('envelope.json')?.toString('utf8') ?? 'null'),
    PAYLOAD_TYPES.workPackage,
    new Map([[keyIdOf(pub), pub]]),
  );
  if (!check.ok) throw new Error(check.message);
  return {
    entries,
    manifest: workPackageManifestSchema.parse(JSON.parse(new TextDecoder().decode(check.payload))),
  };
}

describe('the committed demo work package', () => {
  let entries: Map<string, Buffer>;
  let manifest: WorkPackageManifest;
  beforeAll(async () => ({ entries, manifest } = await openPackage(DEMO_PACKAGE)));

  it('is signed by the committed demo platform key and carries a valid manifest', () => {
    expect([...entries.keys()][0]).toBe('envelope.json');
    expect(manifest).toMatchObject({
      packageId: 'demo-2025-haidian-chaoyang',
      version: 3,
      policyPackId: 'jrsnf-2023-25',
    });
  });

  it('holds every internal file with the size and SHA-256 the manifest states, and the shipped external media beside it', () => {
    for (const f of manifest.files) {
      if (declaredOnly.has(f.id)) {
        // Declared-only: nothing ships, so nothing may sit where the reader would look first.
        expect(existsSync(join(DEMO_MEDIA_DIR, f.path)), f.path).toBe(false);
        continue;
      }
      const bytes = f.external
        ? readFileSync(join(DEMO_MEDIA_DIR, f.path))
        : entries.get(`files/${f.path}`);
      expect(bytes, f.path).toBeDefined();
      expect({ path: f.path, size: bytes?.length, sha256: sha(bytes ?? new Uint8Array()) }).toEqual(
        { path: f.path, size: f.size, sha256: f.sha256 },
      );
    }
    // The externals that ship are the audit class's media drive: its two live replays, its
    // course package and its clips (one hour's clip never filed), in resources/demo/media.
    expect(
      manifest.files
        .filter((f) => f.external && !declaredOnly.has(f.id))
        .map((f) => f.path.split('/').slice(0, 2).join('/'))
        .reduce<Record<string, number>>((n, p) => ({ ...n, [p]: (n[p] ?? 0) + 1 }), {}),
    ).toEqual({
      'recordings/C-2025-HD-B01': 2,
      'course-packages/C-2025-HD-B01': 1,
      'clips/C-2025-HD-B01': 34,
    });
  });

  it('declares a full recording per offline session, a replay per live session and a course package per recorded session, none shipped', () => {
    const files = new Map(manifest.files.map((f) => [f.id, f]));
    const declared = manifest.files.filter((f) => declaredOnly.has(f.id));
    expect(declared.every((f) => f.external && f.mediaType === 'video/mp4')).toBe(true);
    const r = manifest.records;
    const seededSample = 'course-S-2025-CY-O02-03';
    for (const s of r.sessions) {
      const linked = s.videoFileIds.map((id) => files.get(id));
      expect(linked.length, s.id).toBe(1);
      const file = linked[0];
      if (s.mode === 'offline')
        expect(file, s.id).toMatchObject({ kind: 'video', durationSeconds: s.minutes * 60 });
      else if (s.mode === 'live') expect(file?.kind, s.id).toBe('video');
      else if (file?.id === seededSample)
        expect(file).toMatchObject({
          kind: 'course-package',
          durationSeconds: 30,
          external: false,
        });
      else {
        expect(file?.kind, s.id).toBe('course-package');
        expect(file?.durationSeconds ?? 0, s.id).toBeGreaterThanOrEqual(s.minutes * 60);
        expect(file?.durationSeconds ?? 0, s.id).toBeGreaterThanOrEqual(45 * 60);
      }
    }
    const count = (kind: string, mode: string) =>
      declared.filter(
        (f) =>
          f.kind === kind &&
          r.sessions.some((s) => s.mode === mode && s.videoFileIds.includes(f.id)),
      ).length;
    expect({
      full: count('video', 'offline'),
      replays: count('video', 'live'),
      coursePackages: count('course-package', 'recorded'),
    }).toEqual({ full: 14, replays: 51, coursePackages: 40 });
    expect(declared.length).toBe(14 + 51 + 40);
    // Realistic sizes for hours of video, so a size match on an attached drive means something.
    expect(declared.every((f) => f.size > 500 * 1024 * 1024)).toBe(true);
  });

  it('opens with the workstation reader: the live recording is found beside it, exactly the declared-only files are missing', async () => {
    const pub = base64ToBytes(readFileSync(DEMO_PUBLIC_KEY, 'utf8').trim());
    const result = await openWorkPackage(DEMO_PACKAGE, {
      trustedKeys: new Map([[keyIdOf(pub), pub]]),
      externalMediaDirs: [DEMO_MEDIA_DIR],
    });
    if (!result.ok) throw new Error(result.message);
    expect(
      result.files
        .filter((f) => f.location === 'missing')
        .map((f) => f.id)
        .sort(),
    ).toEqual([...declaredOnly].sort());
    const found = result.files.filter((f) => f.location === 'external').map((f) => f.path);
    expect(found).toHaveLength(37);
    expect(found.every((p) => p.includes('/C-2025-HD-B01/'))).toBe(true);
  });

  it('gives every submission a real PDF file in the package', () => {
    const byId = new Map(manifest.files.map((f) => [f.id, f]));
    for (const s of manifest.records.submissions) {
      const file = byId.get(s.fileId);
      expect(file?.mediaType, s.id).toBe('application/pdf');
      expect(entries.get(`files/${file?.path}`)?.subarray(0, 5).toString('latin1'), s.id).toBe(
        '%PDF-',
      );
    }
  });

  it('covers all four programs, 8 classes in 2024–2025 and about 150 trainees', () => {
    const r = manifest.records;
    expect(new Set(r.classes.map((c) => c.program))).toEqual(
      new Set(['basic', 'online', 'elite-launch', 'elite-practice']),
    );
    expect(r.classes.length).toBeGreaterThanOrEqual(8);
    expect(r.classes.every((c) => c.startDate >= '2024-01-01' && c.endDate <= '2025-12-31')).toBe(
      true,
    );
    expect(r.trainees.length).toBeGreaterThanOrEqual(140);
    expect(r.trainees.length).toBeLessThanOrEqual(170);
    expect(r.experts.length).toBe(6);
    expect(r.panels.every((p) => p.expertIds.includes(p.chairId))).toBe(true);
    expect(r.trainees.some((t) => t.name.includes('龑'))).toBe(true);
    expect(r.trainees.some((t) => t.name.includes('𠮷'))).toBe(true);
  });

  it('seeds the four class-level violations the policy screens demonstrate', () => {
    const r = manifest.records;
    const minutes = (classId: string, mode?: string) =>
      r.sessions
        .filter((s) => s.classId === classId && (!mode || s.mode === mode))
        .reduce((n, s) => n + s.minutes, 0);
    expect(r.classes.filter((c) => c.traineeIds.length > 40).map((c) => c.id)).toEqual([
      'C-2025-HD-B02',
    ]);
    expect(
      r.classes.filter((c) => minutes(c.id, 'recorded') > minutes(c.id) / 2).map((c) => c.id),
    ).toEqual(['C-2025-CY-O02']);
    expect(
      r.classes.filter((c) => (c.planApprovedByDistrictAt ?? '') > c.startDate).map((c) => c.id),
    ).toEqual(['C-2025-CY-B03']);
    const teaching = (classId: string) =>
      new Set(
        r.sessions
          .filter((s) => s.classId === classId && s.mode !== 'recorded')
          .flatMap((s) => s.lecturerIds),
      );
    expect(r.classes.filter((c) => teaching(c.id).size < 2).map((c) => c.id)).toEqual([
      'C-2025-HD-EP01',
    ]);
  });

  it('gives each offline session one 10-second clip per class hour and the sign-ins of its trainees', () => {
    const files = new Map(manifest.files.map((f) => [f.id, f]));
    const offline = manifest.records.sessions.filter((s) => s.mode === 'offline');
    expect(offline.length).toBeGreaterThanOrEqual(8);
    // Seeded in the audit class: session 06 filed no clip for its third hour, session 08's
    // second-hour clip lasts 4 seconds.
    const missing = new Set(['S-2025-HD-B01-06']);
    const short = new Set(['clip-2025-HD-B01-08-h2']);
    for (const s of offline) {
      expect(s.clipFileIds.length, s.id).toBe(
        Math.floor(s.minutes / 45) - (missing.has(s.id) ? 1 : 0),
      );
      for (const id of s.clipFileIds)
        expect(files.get(id)?.durationSeconds, id).toBe(short.has(id) ? 4 : 10);
      // Format 3: every clip says when it was captured, inside its session's day.
      expect(s.clipFileIds.every((id) => files.get(id)?.capturedAt?.startsWith(s.date))).toBe(true);
      expect(s.signIns.length, s.id).toBeGreaterThan(0);
    }
  });

  it('assigns every submission to two or three experts of a single panel', () => {
    const r = manifest.records;
    const panels = new Map(r.panels.map((p) => [p.id, p]));
    for (const s of r.submissions) {
      const mine = r.assignments.filter((a) => a.submissionId === s.id);
      expect(mine.length, s.id).toBeGreaterThanOrEqual(2);
      expect(mine.length, s.id).toBeLessThanOrEqual(3);
      expect(new Set(mine.map((a) => a.panelId)).size).toBe(1);
      expect(mine.every((a) => panels.get(a.panelId)?.expertIds.includes(a.expertId))).toBe(true);
    }
  });

  it('is what the generator produces today (regenerating gives the same manifest)', async () => {
    const outDir = temp.sync('demo-regen-');
    const built = await buildDemoPackage({ outDir });
    const again = await openPackage(built.packagePath);
    expect(again.manifest).toEqual(manifest);
  }, 60_000);
});

describe('generateDemoRecords', () => {
  const printable = (s: string) => !s.includes('𠮷');

  it('is deterministic for a seed and changes with the seed', () => {
    const a = generateDemoRecords(printable, 7);
    expect(generateDemoRecords(printable, 7)).toEqual(a);
    expect(generateDemoRecords(printable, 8).records.trainees.map((t) => t.name)).not.toEqual(
      a.records.trainees.map((t) => t.name),
    );
  });

  it('never prints a name the font cannot draw into a document', () => {
    const demo = generateDemoRecords(printable);
    const docs = demo.files.flatMap((f) =>
      f.content.type === 'pdf' ? [JSON.stringify(f.content.doc)] : [],
    );
    expect(docs.some((d) => d.includes('𠮷'))).toBe(false);
    expect(docs.some((d) => d.includes('龑'))).toBe(true);
  });
});
