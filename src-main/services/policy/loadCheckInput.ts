// Reads what `npm run policy -- check` is pointed at: a work package (.qhpkg) or a plain JSON
// class file (docs/policy.md). The manifest signature is NOT verified here — the CLI is a
// reviewer's check tool; packages entering the workstation are verified by the intake path.
import { readFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import { z } from 'zod';
import { allIssues } from '../../../src-shared/zodIssues';
import { base64ToBytes, envelopeSchema, PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  packageFileSchema,
  packageRecordsSchema,
  workPackageManifestSchema,
  type PackageFile,
  type PackageRecords,
} from '../../../src-shared/records/records';
import {
  inputsFromJson,
  policyInputsJsonSchema,
  type PolicyInputs,
} from '../../../src-shared/policy/inputs';
import { parsePolicyPack, type PolicyPack } from '../../../src-shared/policy/pack';

export interface PolicyError {
  code: string;
  message: string;
}

export interface CheckInput {
  kind: 'qhpkg' | 'json';
  records: PackageRecords;
  files: PackageFile[];
  inputs?: PolicyInputs;
  /** Packs shipped with the input; the built-in packs are used when empty. */
  packs: PolicyPack[];
  title?: string;
  district?: string;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: PolicyError };

const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

function fail<T>(code: string, message: string): Loaded<T> {
  return { ok: false, error: { code, message } };
}

// Every problem, each in Chinese with the field it is in: fixing one at a time is slow.
const zhCN = z.locales.zhCN().localeError;
const describeIssues = (e: z.ZodError) => allIssues(e.issues, '(根)');

function parseJson(text: string, file: string): Loaded<unknown> {
  // A BOM is how Windows Notepad saves UTF-8: not part of the JSON, not an error.
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '') return fail('policy/empty', `${file} 是空文件，没有任何内容`);
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return fail('policy/json', `${file} 不是有效的 JSON：${(e as Error).message}`);
  }
}

/** A class file may omit record arrays it does not need; they default to empty. */
const recordsLikeSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const filled: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const k of Object.keys(packageRecordsSchema.shape)) filled[k] ??= [];
  return filled;
}, packageRecordsSchema.strict());

// Strict at the levels a person types by hand: a misspelt key (`trainee`, `outcomePased`) would
// otherwise be dropped silently and the check run as if the data were not there.
const classFileSchema = z.strictObject({
  records: recordsLikeSchema,
  inputs: policyInputsJsonSchema.strict().optional(),
  files: z.array(packageFileSchema).default([]),
  packs: z.array(z.unknown()).default([]),
});

const RECORD_LABELS: Partial<Record<keyof PackageRecords, string>> = {
  organizers: '培训组织方',
  classes: '班级',
  sessions: '课次',
  lecturers: '讲师',
  trainees: '学员',
  submissions: '作业',
  experts: '专家',
  panels: '评审组',
  assignments: '评审分派',
  rubrics: '评分表',
};

/** Ids unique per kind (the last would silently win) and sessions that name a real class. */
function checkReferences(records: PackageRecords, file: string): PolicyError | null {
  for (const [kind, label] of Object.entries(RECORD_LABELS)) {
    const seen = new Set<string>();
    for (const [i, r] of (records[kind as keyof PackageRecords] as { id: string }[]).entries()) {
      if (seen.has(r.id))
        return {
          code: 'policy/duplicate-id',
          message: `${file} 的 records.${kind}[${i}].id：${label}编号「${r.id}」重复出现`,
        };
      seen.add(r.id);
    }
  }
  const classes = new Set(records.classes.map((c) => c.id));
  for (const [i, s] of records.sessions.entries())
    if (!classes.has(s.classId))
      return {
        code: 'policy/unknown-class',
        message: `${file} 的 records.sessions[${i}].classId：课次「${s.id}」所属班级「${s.classId}」不在 records.classes 中`,
      };
  return null;
}

export function parseClassFile(text: string, file: string): Loaded<CheckInput> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const parsed = classFileSchema.safeParse(json.value, { error: zhCN });
  if (!parsed.success)
    return fail('policy/class-file', `${file} 不是有效的班级文件：${describeIssues(parsed.error)}`);
  const broken = checkReferences(parsed.data.records, file);
  if (broken) return { ok: false, error: broken };
  const packs: PolicyPack[] = [];
  for (const [i, raw] of parsed.data.packs.entries()) {
    const p = parsePolicyPack(raw, `${file} 中的 packs[${i}]`);
    if (!p.ok) return { ok: false, error: p.error };
    packs.push(p.pack);
  }
  return {
    ok: true,
    value: {
      kind: 'json',
      records: parsed.data.records,
      files: parsed.data.files,
      inputs: parsed.data.inputs ? inputsFromJson(parsed.data.inputs) : undefined,
      packs,
    },
  };
}

export function parseInputsFile(text: string, file: string): Loaded<PolicyInputs> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const parsed = policyInputsJsonSchema.strict().safeParse(json.value, { error: zhCN });
  if (!parsed.success)
    return fail('policy/inputs', `${file} 不是有效的核查输入文件：${describeIssues(parsed.error)}`);
  return { ok: true, value: inputsFromJson(parsed.data) };
}

/** Reads the named entries of a ZIP into memory (only those, and only up to a size cap). */
function readZipEntries(
  path: string,
  wanted: (name: string) => boolean,
): Promise<Loaded<Map<string, Uint8Array>>> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) {
        resolve(
          fail('policy/zip', `${path} 不是有效的工作包（ZIP）：${err?.message ?? '无法打开'}`),
        );
        return;
      }
      const out = new Map<string, Uint8Array>();
      let done = false;
      const finish = (r: Loaded<Map<string, Uint8Array>>): void => {
        if (done) return;
        done = true;
        zip.close();
        resolve(r);
      };
      zip.on('error', (e: Error) => finish(fail('policy/zip', `${path} 读取失败：${e.message}`)));
      zip.on('end', () => finish({ ok: true, value: out }));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!wanted(entry.fileName)) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
          finish(
            fail(
              'policy/zip',
              `${path} 中的 ${entry.fileName} 过大（${entry.uncompressedSize} 字节）`,
            ),
          );
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            finish(
              fail('policy/zip', `${path} 中的 ${entry.fileName} 无法读取：${e?.message ?? ''}`),
            );
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (se: Error) =>
            finish(fail('policy/zip', `${path} 中的 ${entry.fileName} 读取失败：${se.message}`)),
          );
          stream.on('end', () => {
            out.set(entry.fileName, new Uint8Array(Buffer.concat(chunks)));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function loadWorkPackage(path: string): Promise<Loaded<CheckInput>> {
  const entries = await readZipEntries(
    path,
    (n) => n === 'envelope.json' || n.startsWith('files/'),
  );
  if (!entries.ok) return entries;
  const envBytes = entries.value.get('envelope.json');
  if (!envBytes) return fail('policy/envelope', `${path} 中没有 envelope.json`);
  let envText: string;
  try {
    envText = utf8.decode(envBytes);
  } catch {
    return fail('policy/envelope', `${path} 中的 envelope.json 不是 UTF-8 文本`);
  }
  const envJson = parseJson(envText, `${path} 中的 envelope.json`);
  if (!envJson.ok) return envJson;
  const env = envelopeSchema.safeParse(envJson.value, { error: zhCN });
  if (!env.success)
    return fail(
      'policy/envelope',
      `${path} 中的 envelope.json 格式不对：${describeIssues(env.error)}`,
    );
  if (env.data.payloadType !== PAYLOAD_TYPES.workPackage) {
    return fail('policy/envelope', `${path} 不是工作包：payloadType 为 ${env.data.payloadType}`);
  }
  let manifestText: string;
  try {
    manifestText = utf8.decode(base64ToBytes(env.data.payload));
  } catch {
    return fail('policy/manifest', `${path} 的清单（payload）不是 base64 编码的 UTF-8 文本`);
  }
  const manifestJson = parseJson(manifestText, `${path} 的清单`);
  if (!manifestJson.ok) return manifestJson;
  const manifest = workPackageManifestSchema.safeParse(manifestJson.value, { error: zhCN });
  if (!manifest.success)
    return fail('policy/manifest', `${path} 的清单不合规：${describeIssues(manifest.error)}`);
  const m = manifest.data;
  const packs: PolicyPack[] = [];
  for (const f of m.files) {
    if (f.kind !== 'policy-pack' || f.external) continue;
    const bytes = entries.value.get(`files/${f.path}`);
    if (!bytes) return fail('policy/policy-pack', `${path} 缺少政策包文件 files/${f.path}`);
    const p = parsePolicyPack(new TextDecoder().decode(bytes), `${path} 中的 files/${f.path}`);
    if (!p.ok) return { ok: false, error: p.error };
    packs.push(p.pack);
  }
  return {
    ok: true,
    value: {
      kind: 'qhpkg',
      records: m.records,
      files: m.files,
      packs,
      title: m.title,
      district: m.district,
    },
  };
}

/** Dispatches on the extension: `.qhpkg` is a work package, anything else a JSON class file. */
export async function loadCheckInput(path: string): Promise<Loaded<CheckInput>> {
  if (path.toLowerCase().endsWith('.qhpkg')) return loadWorkPackage(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      'policy/read',
      `无法读取 ${path}：${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : (e as Error).message}`,
    );
  }
  return parseClassFile(text, path);
}

export async function loadInputsFile(path: string): Promise<Loaded<PolicyInputs>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      'policy/read',
      `无法读取 ${path}：${code === 'ENOENT' ? '文件不存在' : (e as Error).message}`,
    );
  }
  return parseInputsFile(text, path);
}
