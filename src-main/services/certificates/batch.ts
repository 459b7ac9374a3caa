// One certificate batch, as the screen and the headless CLI both make it: only printable
// candidates, each platform record verified against the trusted platform keys, the glyph
// preflight over every page, then one PDF of the pages that passed. Whatever is held back is
// returned with a sentence naming the trainee and the reason.
import type { ProgramCode } from '../../../src-shared/records/records';
import {
  certificatePage,
  type CertificateDoc,
  type DocPage,
} from '../../../src-shared/certificates/certificateDoc';
import type { CertificateCandidate } from '../../../src-shared/certificates/eligibility';
import { preflight, type GlyphProblem } from '../../../src-shared/certificates/preflight';
import {
  NO_OFFSET,
  templateFor,
  type Calibration,
  type TemplateFile,
} from '../../../src-shared/certificates/template';
import { BUILTIN_PACKS } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { selectPack, type PolicyPack } from '../../../src-shared/policy/pack';
import type { TrustedKeys } from '../crypto/ed25519';
import { certificatePdf } from '../documents/certificatePdf';
import type { CjkFont } from '../documents/cjkFont';
import { verifyCertificateText } from './signedRecord';

export interface BatchInput {
  candidates: readonly CertificateCandidate[];
  templates: TemplateFile;
  fonts: CjkFont[];
  /** Platform keys the station trusts: a record signed by anything else is not printed. */
  trusted: TrustedKeys;
  calibration?: Calibration;
  packs?: readonly PolicyPack[];
  now?: Date;
  /** Every page carries the 演示 watermark (a demo profile, or a station trusting the demo key). */
  demo?: boolean;
}

export interface Held {
  traineeId: string;
  name: string;
  number?: string;
  code: 'not-printable' | 'record-invalid' | 'no-template' | 'glyph-missing';
  message: string;
  /** For support only (behind 详情): e.g. the prefix of a key that is not trusted. */
  detail?: string;
  glyph?: GlyphProblem;
}

export interface BatchPlan {
  doc: CertificateDoc;
  /** The pages that will print, in order. */
  pages: DocPage[];
  held: Held[];
}

export function planBatch(input: BatchInput): BatchPlan {
  const packs = input.packs && input.packs.length ? input.packs : BUILTIN_PACKS;
  const off = input.calibration ?? NO_OFFSET;
  const held: Held[] = [];
  const pages: DocPage[] = [];
  const programName = (p: ProgramCode, on: string) => selectPack(packs, on).pack.programs[p].name;
  for (const c of input.candidates) {
    const who = { traineeId: c.traineeId, name: c.name, ...(c.number ? { number: c.number } : {}) };
    // The printer compares the name and the certificate number with the sheet in hand; the
    // record id means nothing to them (it stays in the held entry's traineeId).
    const named = c.number ? `${c.name}（${c.number}）` : c.name;
    if (!c.printable || !c.signedRecord) {
      held.push({
        ...who,
        code: 'not-printable',
        message: `${named}：${c.reason}`,
      });
      continue;
    }
    const check = verifyCertificateText(c.signedRecord, input.trusted);
    if (!check.ok) {
      held.push({
        ...who,
        code: 'record-invalid',
        message: `${named}的平台证书记录未通过校验：${check.message}，不予打印`,
        ...(check.detail !== undefined ? { detail: check.detail } : {}),
      });
      continue;
    }
    const template = templateFor(input.templates, check.record.program);
    if (!template) {
      held.push({
        ...who,
        code: 'no-template',
        message: `没有项目 ${check.record.program} 的证书模板`,
      });
      continue;
    }
    pages.push(
      certificatePage(
        {
          traineeId: c.traineeId,
          record: check.record,
          signedRecord: c.signedRecord,
          programName: programName(check.record.program, check.record.startDate),
        },
        template,
        off,
      ),
    );
  }
  const fontsOf = input.templates.templates[0]?.fonts ?? [];
  const doc: CertificateDoc = { title: '合格证书', fonts: fontsOf, pages };
  const covers = (cp: number) => input.fonts.some((f) => f.has(cp));
  const checked = preflight(doc, covers);
  for (const g of checked.problems) {
    const c = pages[g.pageIndex]!;
    held.push({
      traineeId: c.traineeId ?? '',
      name: c.name ?? '',
      ...(c.number ? { number: c.number } : {}),
      code: 'glyph-missing',
      message: g.message,
      glyph: g,
    });
  }
  return { doc: { ...doc, pages: checked.printable }, pages: checked.printable, held };
}

export interface BatchResult extends BatchPlan {
  /** Absent when no page passed: nothing is written then. */
  pdf?: Uint8Array;
}

export async function makeBatch(input: BatchInput): Promise<BatchResult> {
  const plan = planBatch(input);
  if (plan.pages.length === 0) return plan;
  return {
    ...plan,
    pdf: await certificatePdf(plan.doc, {
      fonts: input.fonts,
      now: input.now,
      demo: input.demo === true,
    }),
  };
}
