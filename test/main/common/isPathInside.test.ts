import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPathInside } from '../../../src-main/common/isPathInside';

const root = path.resolve('/data/store');

describe('isPathInside', () => {
  it('accepts files and folders strictly below the root', () => {
    expect(isPathInside(root, path.join(root, 'a.txt'))).toBe(true);
    expect(isPathInside(root, path.join(root, 'x/y/z.mp4'))).toBe(true);
    expect(isPathInside(root + path.sep, path.join(root, 'a'))).toBe(true);
  });

  it.each([
    ['the root itself', root],
    ['its parent', path.dirname(root)],
    ['a sibling sharing the prefix', `${root}-other/a.txt`],
    ['a path climbing out', path.join(root, '../elsewhere/a.txt')],
    ['an unrelated absolute path', path.resolve('/etc/passwd')],
  ])('refuses %s', (_name, target) => {
    expect(isPathInside(root, target)).toBe(false);
  });

  it('treats a file named "..something" as inside', () => {
    expect(isPathInside(root, path.join(root, '..hidden'))).toBe(true);
  });
});
