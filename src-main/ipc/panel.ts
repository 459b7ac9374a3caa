import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RESULT_BUNDLE_EXTENSION } from '../../src-shared/bundle/resultBundle';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, ok } from '../../src-shared/ipc/result';
import { verifyExpertBundle } from '../services/panel/expertBundle';
import type { MainContext } from './context';

/** An expert's bundle of reviews is small; a pick of gigabytes is the wrong file. */
export const MAX_EXPERT_BUNDLE_BYTES = 64 * 1024 * 1024;

const QHRES_FILTER = {
  name: '启航结果包（*.qhres）',
  extensions: [RESULT_BUNDLE_EXTENSION.slice(1)],
};

export function panelHandlers(ctx: MainContext): QihangHandlers['panel'] {
  return {
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
        return fail('panel/io-failed', `无法读取 ${fileName}：${(e as Error).message}`);
      }
      const verified = await verifyExpertBundle(bytes, experts, fileName);
      if (!verified.ok) return fail(verified.code, verified.message);
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
