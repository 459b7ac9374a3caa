// The one path-containment rule of main (after Signal's isPathInside): is `target` strictly
// below `root`? Both are resolved first; works with Windows drive letters and separators.
import { relative, resolve, sep } from 'node:path';

export function isPathInside(root: string, target: string): boolean {
  const rel = relative(resolve(root), resolve(target));
  return (
    rel !== '' &&
    rel !== '..' &&
    !rel.startsWith('..' + sep) &&
    !rel.startsWith(sep) &&
    !/^[A-Za-z]:/.test(rel)
  );
}
