// A policy pack is the notice as data: parameters, certificate names and the clause each rule
// cites. A later notice is a new pack (possibly shipped inside a work package as a
// 'policy-pack' file), not a code change. Signature checking happens before this; here we only
// make sure the data is complete and coherent.
import { z } from 'zod';
import {
  lecturerCertTypes,
  programCode,
  programCodes,
  submissionKinds,
  targetGroups,
} from '../records/records';
import { isoDate } from '../wire/primitives';
import { RULE_IDS, type RuleId } from './ruleIds';

const clauseSchema = z.object({
  /** Citation shown beside a finding, e.g. 「附件1 三（二）」. */
  clause: z.string().min(1),
  /** The notice's words, for hover. */
  quote: z.string().min(1),
});

const ruleTextSchema = clauseSchema.extend({
  /**
   * The rule's name in the user's words (开班前计划审核), shown before its id everywhere.
   * Optional so a pack made before titles existed still loads; the id stands in for it then.
   */
  title: z.string().min(1).optional(),
  /** Where the clause differs per program (附件1 / 附件2 / 附件3). */
  byProgram: z.partialRecord(programCode, clauseSchema).optional(),
});

const programParamsSchema = z.object({
  name: z.string().min(1),
  certificateName: z.string().min(1),
  classSizeMax: z.number().int().positive(),
  minHours: z.number().positive(),
  /** Share of the filed hours that may be recorded (录播). */
  recordedMaxRatio: z.number().min(0).max(1),
  outcomeHours: z.number().min(0),
  lecturersMin: z.number().int().min(0),
  /** Certificates any one of which qualifies a lecturer; empty = no certificate required. */
  lecturerCertificates: z.array(z.enum(lecturerCertTypes)),
  lecturerMustBeFullTime: z.boolean(),
  /** Named textbooks; the notice ends the list with 「等」, so others need a human look. null = no rule. */
  textbooks: z.array(z.string().min(1)).nullable(),
  /** null = target groups do not apply (elite camps have their own eligibility). */
  targetGroups: z.array(z.enum(targetGroups)).nullable(),
  /** Outcome deliverables, each inner list = alternatives; every outer entry must pass. */
  outcomeKinds: z.array(z.array(z.enum(submissionKinds)).min(1)).min(1),
  /** Flat per-trainee subsidy, or tiers by hours reached (elite). */
  subsidyYuan: z.number().min(0).optional(),
  subsidyTiers: z
    .array(z.object({ minHours: z.number().positive(), yuan: z.number().min(0) }))
    .min(1)
    .optional(),
  /** Practice guidance (创业实践指导) may follow this program. */
  practiceFollows: z.boolean(),
});
export type ProgramParams = z.infer<typeof programParamsSchema>;

export const policyPackSchema = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().min(1),
    issuingDocument: z.object({
      number: z.string().min(1),
      title: z.string().min(1),
      issuers: z.array(z.string().min(1)).min(1),
      issuedOn: isoDate,
    }),
    effective: z.object({ from: isoDate, to: isoDate }),
    minutesPerHour: z.number().int().positive(),
    programs: z.object(
      Object.fromEntries(programCodes.map((p) => [p, programParamsSchema])) as Record<
        (typeof programCodes)[number],
        typeof programParamsSchema
      >,
    ),
    graduate: z.object({
      /** The graduation academic year starts on this month/day of the year before graduation. */
      academicYearStartMonthDay: z.string().regex(/^\d{2}-\d{2}$/),
      yearsAfterLeaving: z.number().int().positive(),
      acceptBeijingOriginElsewhere: z.boolean(),
    }),
    elite: z.object({
      practiceWindowMonths: z.number().int().positive(),
      awardLevels: z.array(z.enum(['national', 'city', 'district'])).min(1),
      launchPrerequisitePrograms: z.array(programCode).min(1),
    }),
    practice: z.object({
      yuan: z.number().min(0),
      licenceMonths: z.number().int().positive(),
      shopMonths: z.number().int().positive(),
      minAverageMonthlySalesYuan: z.number().min(0),
    }),
    fund: z.object({ deadlineDayOfQuarterLastMonth: z.number().int().min(1).max(28) }),
    supervision: z.object({
      liveSampleMinRatio: z.number().min(0).max(1),
      clipSecondsPerOfflineHour: z.number().positive(),
      videoRetentionYears: z.number().int().positive(),
      liveMinVideoHeight: z.number().int().positive(),
    }),
    coursePackage: z.object({ minMinutes: z.number().positive() }),
    exitGrounds: z.array(z.string().min(1)).length(10),
    rules: z.record(z.string(), ruleTextSchema),
  })
  .superRefine((pack, ctx) => {
    if (pack.effective.from > pack.effective.to) {
      ctx.addIssue({ code: 'custom', path: ['effective'], message: '生效起始日晚于截止日' });
    }
    for (const id of RULE_IDS) {
      if (!pack.rules[id])
        ctx.addIssue({ code: 'custom', path: ['rules', id], message: `缺少规则 ${id} 的条款` });
    }
    for (const p of programCodes) {
      const params = pack.programs[p];
      if (params.subsidyYuan === undefined && !params.subsidyTiers) {
        ctx.addIssue({
          code: 'custom',
          path: ['programs', p],
          message: '须给出补贴标准（subsidyYuan 或 subsidyTiers）',
        });
      }
      const tiers = params.subsidyTiers ?? [];
      for (let i = 1; i < tiers.length; i++) {
        if (tiers[i]!.minHours <= tiers[i - 1]!.minHours) {
          ctx.addIssue({
            code: 'custom',
            path: ['programs', p, 'subsidyTiers', i],
            message: '课时档位须递增',
          });
        }
      }
    }
  });
export type PolicyPack = z.infer<typeof policyPackSchema>;

export interface PolicyError {
  code: string;
  message: string;
}

export type ParseResult = { ok: true; pack: PolicyPack } | { ok: false; error: PolicyError };

/** Validates a pack given as JSON text or an already-parsed value. `source` names it in messages. */
export function parsePolicyPack(json: string | unknown, source = '政策包'): ParseResult {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      return {
        ok: false,
        error: {
          code: 'policy-pack/json',
          message: `${source} 不是有效的 JSON：${(e as Error).message}`,
        },
      };
    }
  }
  const parsed = policyPackSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(根)'}：${i.message}`);
    return {
      ok: false,
      error: { code: 'policy-pack/invalid', message: `${source} 内容不合规：${first.join('；')}` },
    };
  }
  return { ok: true, pack: parsed.data };
}

export function ruleText(
  pack: PolicyPack,
  id: RuleId,
  program?: (typeof programCodes)[number],
): { title: string; clause: string; quote: string } {
  const r = pack.rules[id];
  if (!r) return { title: id, clause: '', quote: '' };
  const p = program ? r.byProgram?.[program] : undefined;
  return { title: r.title ?? id, ...(p ?? { clause: r.clause, quote: r.quote }) };
}

/**
 * Rule names and clauses as the pack in force on `date` gives them (the id where a pack names
 * none): what a screen or document shows for a rule id it holds as data.
 */
export function ruleTextsOn(
  packs: readonly PolicyPack[],
  date: string,
): (id: RuleId) => { title: string; clause: string } {
  const { pack } = selectPack(packs, date);
  return (id) => {
    const { title, clause } = ruleText(pack, id);
    return { title, clause };
  };
}

/** The rule's name from the pack; the id itself where a pack names none (never empty). */
export function ruleTitle(pack: PolicyPack, id: RuleId): string {
  return pack.rules[id]?.title ?? id;
}

export interface PackChoice {
  pack: PolicyPack;
  /** False when no pack covers the date: `pack` is then only a reference (参考) for a preview. */
  inForce: boolean;
}

/**
 * The pack in force on `date`. Outside every period: the most recently expired pack (or, before
 * all of them, the first to come), flagged — a preview labelled 参考, never a basis for a claim.
 */
export function selectPack(packs: readonly PolicyPack[], date: string): PackChoice {
  if (packs.length === 0) throw new Error('selectPack needs at least one pack');
  let inForce: PolicyPack | undefined;
  let expired: PolicyPack | undefined;
  let upcoming: PolicyPack | undefined;
  for (const p of packs) {
    const { from, to } = p.effective;
    if (from <= date && date <= to) {
      if (!inForce || from > inForce.effective.from) inForce = p;
    } else if (to < date) {
      if (!expired || to > expired.effective.to) expired = p;
    } else if (!upcoming || from < upcoming.effective.from) upcoming = p;
  }
  if (inForce) return { pack: inForce, inForce: true };
  return { pack: (expired ?? upcoming)!, inForce: false };
}
