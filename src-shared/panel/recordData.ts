// What the meeting record (会审记录) and the results sheet are made from: the panel summary
// flattened to names, numbers and sentences, as plain JSON the renderer sends and main
// re-validates before writing a file. Built by the renderer from its summary (panelDocInput).
import { z } from 'zod';
import { isoDate, recordId } from '../wire/primitives';
import { verdicts } from '../review/schema';

const text = (max: number) => z.string().max(max);
const num = z.number().finite();

export const panelRecordDataSchema = z
  .object({
    panelId: recordId,
    panelName: text(100).min(1),
    chairName: text(40).min(1),
    /** Meeting date (Asia/Shanghai) and place, as the chair states them. */
    date: isoDate,
    place: text(100),
    threshold: num,
    members: z
      .array(z.object({ name: text(40), organization: text(100), chair: z.boolean() }))
      .max(64),
    submissions: z
      .array(
        z.object({
          id: recordId,
          title: text(200),
          traineeName: text(100),
          className: text(200),
          rubricTitle: text(200),
          passScore: num.nullable(),
          criteria: z.array(z.object({ label: text(100), maxScore: num })).max(40),
          experts: z
            .array(
              z.object({
                name: text(40),
                status: z.enum(['reviewed', 'recused', 'missing']),
                /** Per criterion in the rubric's order; empty unless reviewed. */
                scores: z.array(num.nullable()).max(40),
                total: num.nullable(),
                verdict: z.enum(verdicts).nullable(),
                comment: text(2000),
              }),
            )
            .max(64),
          stats: z.object({
            mean: num.nullable(),
            trimmedMean: num.nullable(),
            standardDeviation: num.nullable(),
            spread: num.nullable(),
            passCount: z.number().int().min(0),
            failCount: z.number().int().min(0),
            flags: z.array(text(40)).max(4),
          }),
          decision: z
            .object({
              action: z.enum(['decide', 'refer']),
              verdict: z.enum(verdicts).nullable(),
              reason: text(2000),
              at: z.string().max(40),
              againstMajority: z.boolean(),
            })
            .nullable(),
        }),
      )
      .max(20_000),
    leniency: z
      .array(
        z.object({
          name: text(40),
          compared: z.number().int().min(0),
          meanDeviation: num.nullable(),
          zScore: num.nullable(),
        }),
      )
      .max(64),
    alpha: z.object({ interval: num.nullable(), nominal: num.nullable() }),
    alphaByRubric: z
      .array(
        z.object({
          title: text(200),
          units: z.number().int().min(0),
          interval: num.nullable(),
          nominal: num.nullable(),
        }),
      )
      .max(40),
  })
  .strict();
export type PanelRecordData = z.infer<typeof panelRecordDataSchema>;

export const verdictZh = { pass: '通过', fail: '不通过' } as const;

/** Numbers as the documents print them: up to two decimals, '—' when there is none. */
export function fmt(n: number | null, digits = 2): string {
  if (n === null) return '—';
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

export function decisionText(d: PanelRecordData['submissions'][number]['decision']): string {
  if (!d) return '待结论';
  if (d.action === 'refer') return '提请平台另派专家评审';
  return d.verdict ? verdictZh[d.verdict] : '待结论';
}
