// Certificate templates are data (resources/certificates/templates.json): page size, where each
// field goes in millimetres from the top-left corner, font and size. A district that gets new
// pre-printed paper edits the file, not the code. Checked here so a bad file is refused with
// the field named, before anything is printed.
import { z } from 'zod';
import { programCode, type ProgramCode } from '../records/records';

export const certificateFieldNames = [
  'name',
  'idNumber',
  'program',
  'hours',
  'classDates',
  'organizer',
  'issuer',
  'issuedOn',
  'number',
] as const;
export type CertificateFieldName = (typeof certificateFieldNames)[number];

const mm = (max: number) => z.number().min(0).max(max);

const textSpec = z
  .object({
    /** Printed before the value, e.g. 「姓名：」; empty on paper that has the labels pre-printed. */
    label: z.string().max(20).default(''),
    x: mm(1000),
    y: mm(1000),
    /** Points. */
    size: z.number().min(4).max(72),
    align: z.enum(['left', 'center']).default('left'),
  })
  .strict();
export type TextSpec = z.infer<typeof textSpec>;

export const certificateTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z-]{1,32}$/),
    certificateName: z.string().min(1).max(40),
    programs: z.array(programCode).min(1),
    page: z.object({ widthMm: mm(1000), heightMm: mm(1000) }).strict(),
    /** Font ids in order of preference; a character goes to the first font that has it. */
    fonts: z.array(z.string().min(1)).min(1),
    title: textSpec,
    fields: z.record(z.enum(certificateFieldNames), textSpec),
    qr: z.object({ x: mm(1000), y: mm(1000), sizeMm: z.number().min(10).max(100) }).strict(),
    /** The ID number shows only its first and last digits; the rest is starred. */
    idMask: z.object({ keepStart: z.number().int().min(0), keepEnd: z.number().int().min(0) }),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const f of certificateFieldNames)
      if (!t.fields[f])
        ctx.addIssue({ code: 'custom', path: ['fields', f], message: `缺少字段 ${f} 的位置` });
  });
export type CertificateTemplate = z.infer<typeof certificateTemplateSchema>;

export const templateFileSchema = z
  .object({ schemaVersion: z.literal(1), templates: z.array(certificateTemplateSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<ProgramCode>();
    file.templates.forEach((t, i) =>
      t.programs.forEach((p) => {
        if (seen.has(p))
          ctx.addIssue({
            code: 'custom',
            path: ['templates', i, 'programs'],
            message: `项目 ${p} 有两个模板`,
          });
        seen.add(p);
      }),
    );
  });
export type TemplateFile = z.infer<typeof templateFileSchema>;

export type TemplateResult = { ok: true; file: TemplateFile } | { ok: false; message: string };

export function parseTemplateFile(json: unknown, source: string): TemplateResult {
  const parsed = templateFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `证书模板文件 ${source} 的字段“${issue?.path.join('.') || '（根）'}”不合格：${issue?.message ?? ''}`,
  };
}

export function templateFor(
  file: TemplateFile,
  program: ProgramCode,
): CertificateTemplate | undefined {
  return file.templates.find((t) => t.programs.includes(program));
}

/** Per-station offset for pre-printed paper, applied to every item on every page. */
export const calibrationSchema = z
  .object({ dxMm: z.number().min(-20).max(20), dyMm: z.number().min(-20).max(20) })
  .strict();
export type Calibration = z.infer<typeof calibrationSchema>;
export const NO_OFFSET: Calibration = { dxMm: 0, dyMm: 0 };
