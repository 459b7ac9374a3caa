// A package file by what it is in the person's words (计划书（PDF）, 销售记录（CSV）…), the same
// on the facts card and on the reader's switcher. The file name is the platform's filing (it
// holds trainee numbers) and stays behind a title.
import type { PackageFile } from '../../../src-shared/records/records';
import { t } from '../../app/strings';

const s = t.review.facts;

export const fileNameOf = (path: string) => path.split('/').at(-1) ?? path;

const formatOf = (path: string) => {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(path)?.[1];
  return ext ? ext.toUpperCase() : '';
};

/** 计划书（PDF）, 销售记录（CSV）…; numbered only when two files would read the same. */
export function labelFiles(files: readonly Pick<PackageFile, 'id' | 'kind' | 'path'>[]) {
  const base = files.map((f) => ({
    id: f.id,
    kind: s.fileKinds[f.kind],
    format: formatOf(f.path),
  }));
  const key = (b: (typeof base)[number]) => `${b.kind}|${b.format}`;
  const total = new Map<string, number>();
  for (const b of base) total.set(key(b), (total.get(key(b)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Map(
    base.map((b) => {
      const n = (seen.get(key(b)) ?? 0) + 1;
      seen.set(key(b), n);
      return [b.id, s.fileLabel(b.kind, b.format, (total.get(key(b)) ?? 0) > 1 ? n : null)];
    }),
  );
}
