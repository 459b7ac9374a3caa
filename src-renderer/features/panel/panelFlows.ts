// The chair's actions that go through main: importing an expert's bundle (from USB, or
// forwarded by the platform inside a package update) and saving the documents. Each runs with `api` and `db` passed in and answers with a message to show,
// never throws, so the component only shows what the flow reports.
import type { QihangApi } from '../../../src-shared/ipc/contract';
import type { PanelSummary } from '../../../src-shared/panel/summary';
import type { WorkstationDb } from '../../db/db';
import type { PanelRow } from '../../db/types';
import { t } from '../../app/strings';
import { importExpertRecords, panelExpertKeys, type ImportSummary } from './panelStore';
import { panelDocInput } from './panelDocInput';

export type FlowReport =
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string; code?: string; detail?: string }
  | {
      kind: 'imported';
      /** One per bundle stored (a USB import has one; a package may forward several). */
      summaries: ImportSummary[];
      otherRecords: number;
      /** Forwarded bundles refused whole (the expert's signature did not verify, …). */
      failed: RefusedBundle[];
    }
  | { kind: 'saved'; path: string };

/** A forwarded bundle refused whole; the detail (key ids…) is for 详情, not the sentence. */
export interface RefusedBundle {
  fileName: string;
  message: string;
  detail?: string;
}

/** The exception's text is for support (详情); the person reads the plain sentence. */
function unexpected(e: unknown): FlowReport {
  return { kind: 'error', code: 'unexpected', message: '', detail: String(e) };
}

/** Both imports start alike: only a chair whose panel lists enrolled expert keys imports. */
async function chairExperts(db: WorkstationDb, panel: PanelRow) {
  const experts = await panelExpertKeys(db, panel);
  return experts.length > 0 ? experts : null;
}

export async function importBundleFlow(
  api: QihangApi,
  db: WorkstationDb,
  panel: PanelRow,
  profileId: string,
): Promise<FlowReport> {
  try {
    const experts = await chairExperts(db, panel);
    if (!experts) return { kind: 'error', message: t.panel.notChair };
    const r = await api.panel.importExpertBundle({ experts });
    if (!r.ok) return { kind: 'error', ...r.error };
    if (r.value.path === null || !('fileName' in r.value)) return { kind: 'cancelled' };
    const summary = await importExpertRecords(db, { panel, profileId, bundle: r.value });
    return {
      kind: 'imported',
      summaries: [summary],
      otherRecords: r.value.otherRecords,
      failed: [],
    };
  } catch (e) {
    return unexpected(e);
  }
}

/** The experts' bundles the panel's package forwards (a package update from the platform). */
export async function forwardedBundlesOf(db: WorkstationDb, panel: PanelRow) {
  const pkg = await db.packages.get(panel.packageId);
  const forwarded = (pkg?.forwardedBundles ?? []).filter((b) => b.panelId === panel.id);
  const files = await db.files.bulkGet(forwarded.map((b) => b.fileId));
  return files.flatMap((f) => (f ? [{ fileId: f.id, path: f.path, sha256: f.sha256 }] : []));
}

/**
 * Takes the experts' bundles the platform forwarded in the package exactly like bundles from
 * USB: main verifies each against the experts' enrolled keys, then the same intake stores it,
 * so a review that arrives both ways is kept once and a differing one is refused.
 */
export async function importForwardedFlow(
  api: QihangApi,
  db: WorkstationDb,
  panel: PanelRow,
  profileId: string,
): Promise<FlowReport> {
  try {
    const experts = await chairExperts(db, panel);
    if (!experts) return { kind: 'error', message: t.panel.notChair };
    const bundles = await forwardedBundlesOf(db, panel);
    if (bundles.length === 0) return { kind: 'error', message: t.panel.noForwarded };
    const r = await api.panel.importForwarded({ packageId: panel.packageId, bundles, experts });
    if (!r.ok) return { kind: 'error', ...r.error };
    const summaries: ImportSummary[] = [];
    const failed: RefusedBundle[] = [];
    let otherRecords = 0;
    for (const b of r.value.results) {
      if (!b.ok) {
        failed.push({
          fileName: b.fileName,
          message: b.message,
          ...(b.detail !== undefined ? { detail: b.detail } : {}),
        });
        continue;
      }
      const { ok: _ok, ...bundle } = b;
      const summary = await importExpertRecords(db, {
        panel,
        profileId,
        bundle: { ...bundle, fileName: t.panel.forwardedFrom(bundle.fileName) },
      });
      summaries.push(summary);
      otherRecords += bundle.otherRecords;
    }
    return { kind: 'imported', summaries, otherRecords, failed };
  } catch (e) {
    return unexpected(e);
  }
}

export async function exportDocFlow(
  api: QihangApi,
  summary: PanelSummary,
  format: 'docx' | 'xlsx',
  meta: { chairName: string; place: string; date: string; organizations?: Map<string, string> },
  profileId: string,
): Promise<FlowReport> {
  try {
    // Main marks a demo profile's documents 演示 from its own record of this id.
    const request = { ...panelDocInput(summary, meta), profileId };
    const r =
      format === 'docx'
        ? await api.panel.saveRecordDocx(request)
        : await api.panel.saveResultsXlsx(request);
    if (!r.ok) return { kind: 'error', ...r.error };
    if (r.value.path === null) return { kind: 'cancelled' };
    return { kind: 'saved', path: r.value.path };
  } catch (e) {
    return unexpected(e);
  }
}
