// Which class the 视频抽查 screen opens on when the auditor has not chosen one: the work that
// waits, not the first id. First a class whose sample is drawn but not yet concluded, then a
// class whose media are on hand (verified on the attached drive, or found beside the package
// at import), then the first class.
import type { AuditVerdictPayload } from '../../../src-shared/audit/verdicts';
import type { ClassRow, FileRow, SessionRow } from '../../db/types';

export interface PickClassInput {
  classes: readonly Pick<ClassRow, 'id'>[];
  sessions: readonly Pick<SessionRow, 'classId' | 'videoFileIds' | 'clipFileIds'>[];
  files: readonly Pick<FileRow, 'id' | 'location'>[];
  /** Class ids with a drawn sample. */
  sampledClassIds: ReadonlySet<string>;
  verdicts: readonly AuditVerdictPayload[];
  /** File ids main verified on the attached drive (they carry a URL). */
  playable: (fileId: string) => boolean;
}

export function pickAuditClass(input: PickClassInput): string | undefined {
  const concluded = new Set(
    input.verdicts.filter((v) => v.subject === 'class').map((v) => v.classId),
  );
  const pending = input.classes.find(
    (c) => input.sampledClassIds.has(c.id) && !concluded.has(c.id),
  );
  if (pending) return pending.id;
  const onDrive = new Set(input.files.filter((f) => f.location === 'external').map((f) => f.id));
  const hasMedia = (classId: string) =>
    input.sessions.some(
      (s) =>
        s.classId === classId &&
        [...s.videoFileIds, ...s.clipFileIds].some((id) => input.playable(id) || onDrive.has(id)),
    );
  return (input.classes.find((c) => hasMedia(c.id)) ?? input.classes[0])?.id;
}
