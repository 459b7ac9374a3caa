// What auditors and reviewers tell the engine that records cannot: review outcomes, samples
// drawn, clips watched, exit grounds observed, course-package checklists. Every field is
// optional; a rule whose input is missing reports 待核查 rather than passing.
// PolicyInputs uses Maps for lookups; PolicyInputsJson is the same thing as plain JSON (CLI
// files, IPC) and `inputsFromJson` converts it.
import { z } from 'zod';
import { isoDate, isoInstant, recordId } from '../wire/primitives';

export interface ExitObservation {
  /** 1–10, the numbered ground in 附件1–3 二（四）. */
  ground: number;
  note: string;
  observedOn?: string;
  classId?: string;
}

export interface CoursePackageReview {
  /** The package file (kind 'course-package') referenced by recorded sessions. */
  fileId: string;
  /** Minutes played, when the file record carries no duration. */
  playMinutes?: number;
  /** 课程介绍（概述 + 目标）、课程目录、课程资源 present and matching the class plan. */
  hasIntroduction?: boolean;
  hasDirectory?: boolean;
  hasResources?: boolean;
  matchesPlan?: boolean;
  copyrightProof?: boolean;
  /** Problems found; [] = checked and none. Omit the field when not checked yet. */
  contentIssues?: string[];
  avIssues?: string[];
}

export interface LiveScreening {
  /** The live platform screened content for sensitive information. */
  screened: boolean;
  /** Alerts raised but not resolved. */
  openAlerts: number;
}

export interface RecordedCheck {
  /** Random face / human-machine spot checks the recorded platform ran. */
  spotChecks: number;
  /** The platform sent the supervision data to the management platform. */
  transmitted: boolean;
}

/**
 * A local panel's (评审组) decision on one trainee's outcome, as the chair recorded it. The
 * panel screen feeds these; a later record for the same class and trainee replaces an earlier
 * one (decisions are append-only, a change is a new record). A decision that contradicts the
 * platform's certificate number is shown as a conflict, never silently preferred.
 */
export interface PanelOutcomeDecision {
  classId: string;
  traineeId: string;
  /** true = every required deliverable passed. */
  passed: boolean;
  /** When the chair recorded it; orders several decisions on one trainee. */
  decidedAt: string;
  /** The signed panel-decision record, so a conflict can point at it. */
  recordId?: string;
}

export interface PolicyInputs {
  /** Expert review result by traineeId; true = every required deliverable passed. */
  outcomePassed?: Map<string, boolean>;
  /** The same by classId → traineeId, for a trainee who sits in two classes of one package; wins over outcomePassed. */
  outcomePassedByClass?: Map<string, Map<string, boolean>>;
  /** Minutes of live video the district watched, by classId. */
  liveSampleMinutes?: Map<string, number>;
  liveScreening?: Map<string, LiveScreening>;
  recordedChecks?: Map<string, RecordedCheck>;
  /** Auditor verdict on each 10-second offline clip, by fileId (true = genuine, on site). */
  clipChecks?: Map<string, boolean>;
  /** Auditor confirmed the platform keeps this class's videos ≥ 3 years, by classId. */
  videoRetention?: Map<string, boolean>;
  /** Organizers whose exit grounds were reviewed (key present), with what was observed. */
  exitReviews?: Map<string, ExitObservation[]>;
  coursePackages?: CoursePackageReview[];
  /** Panel decisions recorded on this workstation; they win over outcomePassed. */
  panelDecisions?: PanelOutcomeDecision[];
  /**
   * Seconds measured from a media file's own bytes (the player's duration once the file is
   * attached), by fileId. The manifest's durationSeconds is the organizer's statement: a live
   * replay proves its session only by a measured duration.
   */
  measuredSeconds?: Map<string, number>;
}

const exitObservationSchema = z.object({
  ground: z.number().int().min(1).max(10),
  note: z.string(),
  observedOn: isoDate.optional(),
  classId: recordId.optional(),
});

export const policyInputsJsonSchema = z
  .object({
    outcomePassed: z.record(recordId, z.boolean()),
    outcomePassedByClass: z.record(recordId, z.record(recordId, z.boolean())),
    liveSampleMinutes: z.record(recordId, z.number().min(0)),
    liveScreening: z.record(
      recordId,
      z.object({ screened: z.boolean(), openAlerts: z.number().int().min(0) }),
    ),
    recordedChecks: z.record(
      recordId,
      z.object({ spotChecks: z.number().int().min(0), transmitted: z.boolean() }),
    ),
    clipChecks: z.record(recordId, z.boolean()),
    videoRetention: z.record(recordId, z.boolean()),
    exitReviews: z.record(recordId, z.array(exitObservationSchema)),
    coursePackages: z.array(
      z.object({
        fileId: recordId,
        playMinutes: z.number().min(0).optional(),
        hasIntroduction: z.boolean().optional(),
        hasDirectory: z.boolean().optional(),
        hasResources: z.boolean().optional(),
        matchesPlan: z.boolean().optional(),
        copyrightProof: z.boolean().optional(),
        contentIssues: z.array(z.string()).optional(),
        avIssues: z.array(z.string()).optional(),
      }),
    ),
    panelDecisions: z.array(
      z.object({
        classId: recordId,
        traineeId: recordId,
        passed: z.boolean(),
        decidedAt: isoInstant,
        recordId: recordId.optional(),
      }),
    ),
    measuredSeconds: z.record(recordId, z.number().min(0)),
  })
  .partial();
export type PolicyInputsJson = z.infer<typeof policyInputsJsonSchema>;

function toMap<V>(r: Record<string, V> | undefined): Map<string, V> | undefined {
  return r ? new Map(Object.entries(r)) : undefined;
}

export function inputsFromJson(j: PolicyInputsJson): PolicyInputs {
  return {
    outcomePassed: toMap(j.outcomePassed),
    outcomePassedByClass: j.outcomePassedByClass
      ? new Map(
          Object.entries(j.outcomePassedByClass).map(([c, m]) => [c, new Map(Object.entries(m))]),
        )
      : undefined,
    liveSampleMinutes: toMap(j.liveSampleMinutes),
    liveScreening: toMap(j.liveScreening),
    recordedChecks: toMap(j.recordedChecks),
    clipChecks: toMap(j.clipChecks),
    videoRetention: toMap(j.videoRetention),
    exitReviews: toMap(j.exitReviews),
    coursePackages: j.coursePackages,
    panelDecisions: j.panelDecisions,
    measuredSeconds: toMap(j.measuredSeconds),
  };
}
