import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RESULT_BUNDLE_EXTENSION } from '../../src-shared/bundle/resultBundle';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, failWith, ok } from '../../src-shared/ipc/result';
import { panelRecordDoc } from '../../src-shared/panel/panelRecordDoc';
import type { PanelDocRequest } from '../../src-shared/ipc/panel';
import { panelRecordDocx } from '../services/documents/panelRecordDocx';
import { panelResultsXlsx } from '../services/documents/panelResultsXlsx';
import { writeFileAtomic } from '../common/atomicFile';
import { verifyExpertBundle } from '../services/panel/expertBundle';
import { packageStoreDir, readStoredFile } from '../services/packages/store';
import type { ForwardedBundleOutcome } from '../../src-shared/ipc/panel';
import { isDemoProfile } from '../services/packages/profileKinds';
import { exportNameFor } from '../services/profiles/exportName';
import type { MainContext } from './context';
import { keysDir } from './keyFiles';

/** An expert's bundle of reviews is small; a pick of gigabytes is the wrong file. */
export const MAX_EXPERT_BUNDLE_BYTES = 64 * 1024 * 1024;

const QHRES_FILTER = {
  name: '启航结果包（*.qhres）',
  extensions: [RESULT_BUNDLE_EXTENSION.slice(1)],
};

const withExt = (p: string, ext: string) => (p.toLowerCase().endsWith(ext) ? p : `${p}${ext}`);

async function saveDocument(
  ctx: MainContext,
  request: PanelDocRequest,
  kind: {
    title: string;
    file: 'panel-record' | 'panel-results';
    ext: '.docx' | '.xlsx';
    filter: string;
  },
  bytes: (demo: boolean) => Promise<Uint8Array>,
) {
  const { profileId, ...data } = request;
  // Main's own record of the profile decides the 演示 mark; the renderer has no say in it.
  const demo = await isDemoProfile(keysDir(ctx), profileId);
  // Built before the dialog: data that cannot become a document never asks for a path.
  let content: Uint8Array;
  try {
    content = await bytes(demo);
  } catch (e) {
    return fail('panel/document-failed', `无法生成${kind.title}：${(e as Error).message}`);
  }
  const chosen = await ctx.dialogs.saveFile({
    title: `保存${kind.title}`,
    defaultName: await exportNameFor(keysDir(ctx), profileId, {
      kind: kind.file,
      panel: data.panelName,
      date: data.date,
    }),
    filters: [{ name: kind.filter, extensions: [kind.ext.slice(1)] }],
  });
  if (chosen === null) return ok({ path: null });
  const target = withExt(chosen, kind.ext);
  try {
    // Written beside the target and renamed: a failed write never leaves half a document.
    await writeFileAtomic(target, content, 0o644);
  } catch (e) {
    return fail('panel/write-failed', `无法写入 ${target}：${(e as Error).message}`);
  }
  return ok({ path: target });
}

export function panelHandlers(ctx: MainContext): QihangHandlers['panel'] {
  return {
    saveRecordDocx: (request) =>
      saveDocument(
        ctx,
        request,
        { title: '会审记录', file: 'panel-record', ext: '.docx', filter: 'Word 文档' },
        (demo) => panelRecordDocx(panelRecordDoc(request), { demo }),
      ),
    saveResultsXlsx: (request) =>
      saveDocument(
        ctx,
        request,
        { title: '评审结果表', file: 'panel-results', ext: '.xlsx', filter: 'Excel 工作簿' },
        (demo) => panelResultsXlsx(request, { demo }),
      ),
    importForwarded: async ({ packageId, bundles, experts }) => {
      const storeDir = packageStoreDir(ctx.userDataDir);
      const results: ForwardedBundleOutcome[] = [];
      // One at a time: a panel's forwarded bundles are small, and the chair waits for all.
      for (const b of bundles) {
        const fileName = path.posix.basename(b.path);
        // Read back from the verified store through the package's signed SHA-256, so the
        // platform's signature vouches for these bytes; the expert's signature is checked next.
        const read = await readStoredFile(storeDir, packageId, b.sha256, {
          maxBytes: MAX_EXPERT_BUNDLE_BYTES,
        });
        if (!read.ok) {
          results.push({
            ok: false,
            fileName,
            code: `panel/${read.error.code}`,
            message: read.error.message,
          });
          continue;
        }
        const verified = await verifyExpertBundle(read.bytes, experts, fileName);
        if (!verified.ok) {
          const { ok: _ok, ...failure } = verified;
          results.push({ ok: false, fileName, ...failure });
          continue;
        }
        const { ok: _ok, ...facts } = verified;
        results.push({ ok: true, fileName, ...facts });
      }
      return ok({ results });
    },
    importExpertBundle: async ({ experts }) => {
      const chosen = await ctx.dialogs.openFile({
        title: '导入评审专家的结果包',
        filters: [QHRES_FILTER],
      });
      if (chosen === null) return ok({ path: null });
      const fileName = path.basename(chosen);
      let bytes: Uint8Array;
      try {
        const info = await stat(chosen);
        if (!info.isFile()) return fail('panel/not-a-file', `${fileName} 不是文件`);
        if (info.size > MAX_EXPERT_BUNDLE_BYTES) {
          return fail('panel/too-large', `${fileName} 超过 64 MB，不是专家的结果包`);
        }
        bytes = new Uint8Array(await readFile(chosen));
      } catch (e) {
        return fail('panel/io-error', `无法读取 ${fileName}：${(e as Error).message}`);
      }
      const verified = await verifyExpertBundle(bytes, experts, fileName);
      if (!verified.ok) return failWith(verified);
      return ok({
        path: chosen,
        fileName,
        bundleId: verified.bundleId,
        bundleHash: verified.bundleHash,
        profileId: verified.profileId,
        signerExpertIds: verified.signerExpertIds,
        records: verified.records,
        otherRecords: verified.otherRecords,
      });
    },
  };
}
