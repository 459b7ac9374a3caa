// The files of a submission a reader opens: the outcome file, the files handed in with it
// (a portfolio's sales sheet and screenshots), then, for an online portfolio, the trainee's
// practice evidence. One home for the expert's form and the chair's anchor links.
import type { WorkstationDb } from './db';
import type { FileRow, SubmissionRow, TraineeRow } from './types';

export async function submissionFiles(
  db: WorkstationDb,
  submission: SubmissionRow,
  trainee: TraineeRow | null | undefined,
): Promise<FileRow[]> {
  const fileIds = [
    submission.fileId,
    ...(submission.attachmentFileIds ?? []),
    ...(submission.kind === 'online-portfolio' ? (trainee?.practice?.evidenceFileIds ?? []) : []),
  ];
  const unique = [...new Set(fileIds)];
  return (await db.files.bulkGet(unique)).filter((f): f is FileRow => f !== undefined);
}

/** The same, from the submission's id (the chair's screen has only the record). */
export async function submissionFilesById(
  db: WorkstationDb,
  submissionId: string,
): Promise<FileRow[]> {
  const submission = await db.submissions.get(submissionId);
  if (!submission) return [];
  return submissionFiles(db, submission, await db.trainees.get(submission.traineeId));
}
