// Assembles the demo work package: records from the seeded generator, real PDFs, CSVs and
// cached video clips, plus declared-only external recordings (size + SHA-256, no bytes),
// signed with the committed demo platform key.
import fontkit from '@pdf-lib/fontkit';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bytesToBase64 } from '../../src-shared/wire/envelope';
import { WORK_PACKAGE_SCHEMA_VERSION } from '../../src-shared/records/records';
import {
  writeWorkPackage,
  type FileSource,
  type WorkPackageManifestInput,
} from '../../src-main/services/packages/write';
import { withSignedCertificates } from './certificates';
import { loadOrCreateDemoKey } from './keys';
import { writeDemoPanelBundles } from './panelReviews';
import { ensureMedia } from './media';
import { docText, loadDemoFont, makeDemoFont, renderPlanPdf } from './pdf';
import { shopScreenshot } from './screenshot';
import { generateDemoRecords } from './records';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const DEMO_DIR = join(REPO_ROOT, 'resources', 'demo');
export const DEMO_PACKAGE = join(DEMO_DIR, 'demo.qhpkg');
export const DEMO_MEDIA_DIR = join(DEMO_DIR, 'media');
export const DEMO_PUBLIC_KEY = join(DEMO_DIR, 'demo-platform-key.pub.b64');
export const DEMO_PRIVATE_KEY = join(REPO_ROOT, 'scripts', 'demo', 'demo-platform-key.pk8.b64');
export const MEDIA_CACHE = join(REPO_ROOT, 'scripts', 'demo', 'media');

export const DEMO_HEADER = {
  schemaVersion: WORK_PACKAGE_SCHEMA_VERSION,
  packageId: 'demo-2025-haidian-chaoyang',
  // 2: the experts' enrolled keys (work package format 2) for the chair's bundle imports.
  // 3: clip capture times (format 3) and the audit class's media drive (auditClass.ts).
  version: 3,
  issuer: '北京市创业培训管理平台（演示）',
  district: '海淀区、朝阳区',
  title: '2025年上半年创业培训评审工作包（演示数据）',
  createdAt: '2025-06-25T10:00:00+08:00',
  policyPackId: 'jrsnf-2023-25',
} as const;

export interface BuildOptions {
  outDir: string;
  /** Where ffmpeg output is cached (committed), see media.ts. */
  mediaCacheDir?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  packagePath: string;
  size: number;
  fileCount: number;
  notes: Record<string, string>;
}

export async function buildDemoPackage(opts: BuildOptions): Promise<BuildResult> {
  const log = opts.log ?? (() => undefined);
  const mediaCache = opts.mediaCacheDir ?? MEDIA_CACHE;
  const outDir = resolve(opts.outDir);
  const { key, created } = loadOrCreateDemoKey(DEMO_PRIVATE_KEY, DEMO_PUBLIC_KEY);
  if (created) log('已生成新的演示平台密钥（请一并提交）');

  const loaded = loadDemoFont();
  const demo = generateDemoRecords(loaded.printable);
  const allText = demo.files
    .map((f) => (f.content.type === 'pdf' ? docText(f.content.doc) : ''))
    .join('\n');
  const font = await makeDemoFont(allText, loaded);
  // Parsed once, and only if a screenshot needs it (the full font is ~15 MB).
  let parsed: ReturnType<typeof fontkit.create> | undefined;
  const shotFont = () => (parsed ??= fontkit.create(loaded.full));

  const sources = new Map<string, FileSource>();
  for (const f of demo.files) {
    const c = f.content;
    if (c.type === 'pdf') sources.set(f.path, await renderPlanPdf(c.doc, font));
    else if (c.type === 'csv') sources.set(f.path, new TextEncoder().encode(`\uFEFF${c.text}`));
    else if (c.type === 'png') sources.set(f.path, shopScreenshot(shotFont(), c.shot));
    else if (c.type === 'declared') {
      // Declared-only: no bytes anywhere; the manifest carries the stated size and SHA-256.
      if (!f.external) throw new Error(`演示文件 ${f.path} 只声明了大小和哈希，必须是外置文件`);
    } else if (f.external) {
      // External media sit in the media folder beside the package, at their manifest path,
      // which is where the reader looks first (then by SHA-256).
      const committed = ensureMedia(c.recipe, join(DEMO_MEDIA_DIR, dirname(f.path)));
      const target = join(outDir, 'media', f.path);
      if (resolve(committed) !== resolve(target)) {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(committed, target);
      }
      sources.set(f.path, target);
    } else sources.set(f.path, ensureMedia(c.recipe, mediaCache));
  }
  log(`已生成 ${demo.files.length} 个文件`);

  const manifest: WorkPackageManifestInput = {
    ...DEMO_HEADER,
    records: withSignedCertificates(demo.records, key),
    files: demo.files.map(({ content, ...file }) =>
      content.type === 'declared' ? { ...file, size: content.size, sha256: content.sha256 } : file,
    ),
  };
  const packagePath = join(outDir, 'demo.qhpkg');
  const result = await writeWorkPackage({
    manifest,
    files: sources,
    signingKeys: [key],
    outPath: packagePath,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.code}: ${e.message}`).join('\n'));
  const bundles = await writeDemoPanelBundles(demo.records, join(outDir, 'bundles'));
  log(`已生成 ${bundles.length} 个评审专家结果包（供组长会审导入）`);
  const pub = join(outDir, basename(DEMO_PUBLIC_KEY));
  if (!existsSync(pub)) writeFileSync(pub, `${bytesToBase64(key.publicKeyRaw)}\n`);
  return {
    packagePath,
    size: result.size,
    fileCount: result.manifest.files.length,
    notes: demo.notes,
  };
}
