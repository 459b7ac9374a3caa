// The district auditor's capability (视频抽查) on main's side: only what needs files — the
// 抽查报告 written where the auditor chooses. Sampling, findings and verdicts live in the
// renderer's database and travel in result bundles; media is the media capability.
import { z } from 'zod';
import { auditReportDataSchema } from '../audit/auditReportDoc';
import { recordId } from '../wire/primitives';
import { channel } from './channel';

/** The report's data and whose it is: main decides the 演示 mark from its own profile record. */
export const auditReportRequestSchema = auditReportDataSchema.extend({ profileId: recordId });

export const auditChannels = {
  saveReportDocx: channel({
    summary: 'Writes the 抽查报告 (DOCX) for one class where the auditor chooses, atomically.',
    request: auditReportRequestSchema,
    response: z.object({ path: z.string().nullable() }),
  }),
};
