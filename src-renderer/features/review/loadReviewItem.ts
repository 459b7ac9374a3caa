// Everything the form shows about one assignment, read together from the package tables.
import type { Rubric } from '../../../src-shared/records/records';
import type { WorkstationDb } from '../../db/db';
import { submissionFiles } from '../../db/submissionFiles';
import type {
  AssignmentRow,
  ClassRow,
  FileRow,
  OrganizerRow,
  SubmissionRow,
  TraineeRow,
} from '../../db/types';

export interface ReviewContext {
  assignment: AssignmentRow;
  submission: SubmissionRow;
  trainee: TraineeRow | null;
  klass: ClassRow | null;
  organizer: OrganizerRow | null;
  /** null: the package has no rubric for this program and outcome kind. */
  rubric: Rubric | null;
  /** The outcome file, then any practice evidence of the trainee (online portfolios). */
  files: FileRow[];
}

export async function loadReviewContext(
  db: WorkstationDb,
  assignment: AssignmentRow,
): Promise<ReviewContext | null> {
  const submission = await db.submissions.get(assignment.submissionId);
  if (!submission) return null;
  const [trainee, klass] = await Promise.all([
    db.trainees.get(submission.traineeId),
    db.classes.get(submission.classId),
  ]);
  const [organizer, rubric] = await Promise.all([
    klass ? db.organizers.get(klass.organizerId) : undefined,
    klass
      ? db.rubrics
          .where('[program+submissionKind]')
          .equals([klass.program, submission.kind])
          .toArray()
          // Two packages may both carry one; the assignment's own package decides.
          .then((rs) => rs.find((r) => r.packageId === assignment.packageId) ?? rs[0])
      : undefined,
  ]);
  const files = await submissionFiles(db, submission, trainee);
  return {
    assignment,
    submission,
    trainee: trainee ?? null,
    klass: klass ?? null,
    organizer: organizer ?? null,
    rubric: rubric ?? null,
    files,
  };
}
