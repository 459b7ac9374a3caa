// A signed work package with as many trainees as a whole city's quarter (200,000), written on
// the fly by the same writer as every other spec package: no committed binaries. Classes hold
// 50 trainees each, as a real class does; files and submissions stay few, because what such a
// package makes big is its records (≈ 30 MB of manifest), which is what the page must take in.
import type { WorkPackageManifest } from '../../../src-shared/records/records';
import { writeSignedPackage } from './packages';

export const BIG_CLASS_SIZE = 50;

/** Trainees, classes and their ids in a manifest that already holds one small class. */
function fill(m: WorkPackageManifest, trainees: number): void {
  const template = m.records.classes[0];
  if (!template) throw new Error('the factory manifest has no class to copy');
  m.records.classes = [];
  m.records.trainees = [];
  m.records.submissions = m.records.submissions.slice(0, 1);
  m.files = m.files.filter((f) => f.id === m.records.submissions[0]?.fileId);
  const submitter = m.records.submissions[0];
  for (let c = 0; c * BIG_CLASS_SIZE < trainees; c++) {
    const classId = `CLS-B${c + 1}`;
    const traineeIds: string[] = [];
    for (let t = c * BIG_CLASS_SIZE; t < Math.min(trainees, (c + 1) * BIG_CLASS_SIZE); t++) {
      const id = `TRN-B${t + 1}`;
      traineeIds.push(id);
      m.records.trainees.push({
        id,
        name: `学员${t + 1}`,
        gender: t % 2 ? 'F' : 'M',
        birthDate: '1998-05-01',
        idNumberMasked: '1101********0011',
        targetGroup: 'graduate',
        history: [],
      });
    }
    m.records.classes.push({
      ...template,
      id: classId,
      name: `创业启航基础班第${c + 1}期`,
      traineeIds,
    });
  }
  // The one submission stays, moved to a trainee and class that exist.
  if (submitter) {
    submitter.traineeId = 'TRN-B1';
    submitter.classId = 'CLS-B1';
  }
}

export interface BigPackage {
  path: string;
  trainees: number;
  classes: number;
}

/** Writes a package of `trainees` trainees (signed with the demo key) to `outPath`. */
export async function writeBigPackage(
  outPath: string,
  trainees: number,
  packageId = 'PKG-2026-BIG-01',
): Promise<BigPackage> {
  await writeSignedPackage(
    outPath,
    { classes: 1, traineesPerClass: 1, packageId },
    undefined,
    (m) => fill(m, trainees),
  );
  return { path: outPath, trainees, classes: Math.ceil(trainees / BIG_CLASS_SIZE) };
}
