// From panel decisions to what the policy pays on: a trainee's outcome in a class passed when
// every part the programme requires was decided 通过 (online programme: the portfolio and the
// plan), failed as soon as a required part was decided 不通过, and is unknown (待核查) otherwise.
import type { ProgramCode, Submission } from '../records/records';
import type { Verdict } from '../review/schema';

export interface DecidedSubmission {
  submissionId: string;
  action: 'decide' | 'refer';
  verdict?: Verdict | undefined;
}

/** classId → traineeId → passed, for trainees whose outcome is settled (PolicyInputs.outcomePassedByClass). */
export function outcomesFromDecisions(
  decisions: ReadonlyMap<string, DecidedSubmission>,
  submissions: readonly Pick<Submission, 'id' | 'traineeId' | 'classId' | 'kind'>[],
  programOf: (classId: string) => ProgramCode | undefined,
  /** Per programme, the required parts: each a list of kinds any one of which fills it. */
  requiredKinds: (program: ProgramCode) => readonly (readonly string[])[],
): Map<string, Map<string, boolean>> {
  const byTrainee = new Map<
    string,
    { classId: string; traineeId: string; parts: Map<string, Verdict | undefined> }
  >();
  for (const s of submissions) {
    const key = `${s.classId}\u0000${s.traineeId}`;
    const entry = byTrainee.get(key) ?? {
      classId: s.classId,
      traineeId: s.traineeId,
      parts: new Map(),
    };
    const d = decisions.get(s.id);
    const verdict = d && d.action === 'decide' ? d.verdict : undefined;
    // A later-decided pass of the same kind (a resubmission) wins over an earlier gap.
    if (verdict !== undefined || !entry.parts.has(s.kind)) {
      const prev = entry.parts.get(s.kind);
      entry.parts.set(s.kind, prev === 'pass' ? 'pass' : verdict);
    }
    byTrainee.set(key, entry);
  }
  const out = new Map<string, Map<string, boolean>>();
  for (const { classId, traineeId, parts } of byTrainee.values()) {
    const program = programOf(classId);
    if (!program) continue;
    const groups = requiredKinds(program);
    const groupVerdict = groups.map((kinds) => {
      const vs = kinds.map((k) => parts.get(k));
      if (vs.includes('pass')) return 'pass';
      if (vs.includes('fail')) return 'fail';
      return undefined;
    });
    let passed: boolean | undefined;
    if (groupVerdict.includes('fail')) passed = false;
    else if (groups.length > 0 && groupVerdict.every((v) => v === 'pass')) passed = true;
    if (passed === undefined) continue;
    const perClass = out.get(classId) ?? new Map<string, boolean>();
    perClass.set(traineeId, passed);
    out.set(classId, perClass);
  }
  return out;
}
