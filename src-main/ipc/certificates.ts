import path from 'node:path';
import { calibrationDoc } from '../../src-shared/certificates/certificateDoc';
import type { CertificateCandidate } from '../../src-shared/certificates/eligibility';
import { peekCertificateText } from '../../src-shared/certificates/signedRecord';
import { templateFor } from '../../src-shared/certificates/template';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import type { BatchRequest } from '../../src-shared/ipc/certificates';
import { fail, ok } from '../../src-shared/ipc/result';
import { planBatch, type Held } from '../services/certificates/batch';
import { loadTemplates } from '../services/certificates/templates';
import { certificatePdf } from '../services/documents/certificatePdf';
import { loadFont } from '../services/documents/cjkFont';
import { writeFileAtomic } from '../common/atomicFile';
import { isDemoProfile } from '../services/packages/profileKinds';
import { trustForImporter } from '../services/packages/trust';
import { exportFileName, exportNameFor, type ExportFile } from '../services/profiles/exportName';
import { PROGRAM_NAMES } from '../../src-shared/policy/programs';
import type { MainContext } from './context';
import { keysDir } from './keyFiles';

export const PDF_FILTER = { name: 'PDF 文件', extensions: ['pdf'] };

const withPdf = (p: string) => (p.toLowerCase().endsWith('.pdf') ? p : `${p}.pdf`);
const batchFile = (req: BatchRequest, count: number): ExportFile => ({
  kind: 'certificates',
  className: req.className || req.classId,
  date: new Date(),
  count,
});
const wireHeld = (h: Held[]) => h.map(({ glyph: _glyph, ...rest }) => rest);

/** The renderer's printable rows, re-read here: eligibility was its call, the record is ours to check. */
function candidatesOf(req: BatchRequest): CertificateCandidate[] {
  return req.items.map((i) => {
    const peek = peekCertificateText(i.signedRecord);
    return {
      classId: req.classId,
      traineeId: i.traineeId,
      name: i.name,
      status: 'printable',
      printable: true,
      reason: '',
      outcome: true,
      outcomeSource: 'platform',
      creditedHours: 0,
      minHours: 0,
      number: i.number,
      signedRecord: i.signedRecord,
      ...(peek.ok ? { record: peek.record } : {}),
    };
  });
}

export function certificatesHandlers(ctx: MainContext): QihangHandlers['certificates'] {
  const prepare = async (req: BatchRequest) => {
    const trust = await trustForImporter({
      importer: req.importer,
      keysDir: keysDir(ctx),
      resourcesDir: ctx.resourcesDir,
    });
    if (!trust.ok) return { ok: false as const, code: trust.code, message: trust.message };
    const templates = await loadTemplates(ctx.resourcesDir);
    if (!templates.ok)
      return { ok: false as const, code: 'certificates/template', message: templates.message };
    const font = await loadFont('noto-serif-sc');
    const input = {
      candidates: candidatesOf(req),
      templates: templates.file,
      fonts: [font],
      trusted: trust.keys,
      calibration: req.calibration,
    };
    // A number the renderer sends must be the one inside the platform's signed record.
    const plan = planBatch(input);
    for (const p of plan.pages) {
      const item = req.items.find((i) => i.traineeId === p.traineeId);
      if (!item || item.number !== p.number)
        return {
          ok: false as const,
          code: 'certificates/number-mismatch',
          message: `学员 ${item?.name ?? p.name ?? ''} 的证书编号 ${item?.number ?? '（缺）'} 与平台签名记录 ${p.number ?? ''}（学员 ${p.traineeId ?? ''}）不符，已拒绝`,
        };
    }
    return { ok: true as const, plan, font };
  };

  return {
    previewBatch: async (req) => {
      const r = await prepare(req);
      if (!r.ok) return fail(r.code, r.message);
      return ok({
        page: r.plan.pages[0] ?? null,
        printable: r.plan.pages.length,
        held: wireHeld(r.plan.held),
      });
    },

    saveBatch: async (req) => {
      const r = await prepare(req);
      if (!r.ok) return fail(r.code, r.message);
      const held = wireHeld(r.plan.held);
      if (r.plan.pages.length === 0) return ok({ status: 'nothing' as const, held });
      // Main's record of the profile (pinned by the trust check above) decides the 演示 mark.
      const demo = await isDemoProfile(keysDir(ctx), req.importer.profileId);
      // Built before the dialog: a batch that cannot be written never asks for a path.
      const pdf = await certificatePdf(r.plan.doc, { fonts: [r.font], demo });
      const chosen = await ctx.dialogs.saveFile({
        title: '保存证书批次（PDF）',
        defaultName: await exportNameFor(
          keysDir(ctx),
          req.importer.profileId,
          batchFile(req, r.plan.pages.length),
        ),
        filters: [PDF_FILTER],
      });
      if (chosen === null) return ok({ status: 'cancelled' as const });
      const target = withPdf(chosen);
      try {
        await writeFileAtomic(target, pdf, 0o644);
      } catch (e) {
        return fail('certificates/write', `无法写入证书文件 ${target}：${(e as Error).message}`);
      }
      return ok({
        status: 'saved' as const,
        path: target,
        numbers: r.plan.pages.map((p) => p.number ?? ''),
        held,
      });
    },

    printBatch: async (req) => {
      if (!ctx.printer)
        return fail('certificates/no-printer', '本机无法调用系统打印，请先保存为 PDF 再打印');
      const r = await prepare(req);
      if (!r.ok) return fail(r.code, r.message);
      const held = wireHeld(r.plan.held);
      if (r.plan.pages.length === 0) return ok({ status: 'nothing' as const, held });
      const demo = await isDemoProfile(keysDir(ctx), req.importer.profileId);
      const pdf = await certificatePdf(r.plan.doc, { fonts: [r.font], demo });
      const printed = await ctx.printer.printPdf({
        pdf,
        // The print queue shows the same name a saved batch would have.
        title: exportFileName(batchFile(req, r.plan.pages.length), demo).replace(/\.pdf$/, ''),
        copies: req.copies,
      });
      if (printed.status === 'cancelled') return ok({ status: 'cancelled' as const });
      if (printed.status === 'failed')
        return fail('certificates/print-failed', `打印失败：${printed.message}`);
      return ok({
        status: 'printed' as const,
        printer: printed.printer,
        numbers: r.plan.pages.map((p) => p.number ?? ''),
        held,
      });
    },

    saveCalibrationPage: async (req) => {
      const templates = await loadTemplates(ctx.resourcesDir);
      if (!templates.ok) return fail('certificates/template', templates.message);
      const template = templateFor(templates.file, req.program);
      if (!template) return fail('certificates/template', `没有项目 ${req.program} 的证书模板`);
      const font = await loadFont('noto-serif-sc');
      const pdf = await certificatePdf(calibrationDoc(template, req.calibration), {
        fonts: [font],
      });
      const chosen = await ctx.dialogs.saveFile({
        title: '保存校准页（PDF）',
        defaultName: exportFileName({
          kind: 'calibration-page',
          program: PROGRAM_NAMES[req.program],
        }),
        filters: [PDF_FILTER],
      });
      if (chosen === null) return ok({ status: 'cancelled' as const });
      const target = withPdf(chosen);
      try {
        await writeFileAtomic(target, pdf, 0o644);
      } catch (e) {
        return fail('certificates/write', `无法写入校准页 ${target}：${(e as Error).message}`);
      }
      return ok({ status: 'saved' as const, path: path.resolve(target) });
    },
  };
}
