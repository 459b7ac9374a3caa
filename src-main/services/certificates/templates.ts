// Reads the certificate templates shipped in resources/certificates/templates.json.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTemplateFile, type TemplateResult } from '../../../src-shared/certificates/template';

export const TEMPLATE_FILE = path.join('certificates', 'templates.json');

export async function loadTemplates(resourcesDir: string): Promise<TemplateResult> {
  const file = path.join(resourcesDir, TEMPLATE_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, message: `无法读取证书模板文件 ${file}：${(e as Error).message}` };
  }
  return parseTemplateFile(json, file);
}
