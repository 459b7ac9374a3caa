// One word per thing: the glossary's "One word per thing" table names, for each concept, the
// words the screens must not use; the string catalog must contain none of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(__dirname, '../../..');

interface Entry {
  term: string;
  rejected: string[];
}

/** The rows of the table under "## One word per thing": 用这个 | 不要用 | why. */
function glossaryEntries(markdown: string): Entry[] {
  const section = markdown.split(/^## One word per thing$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter(([, term, rejected]) => term && rejected && term !== '用这个' && !/^-+$/.test(term))
    .map(([, term, rejected]) => ({ term: term!, rejected: rejected!.split('、') }));
}

/** The catalog's text without its comments (a comment may name a rejected word to explain it). */
function catalogText(): { file: string; text: string }[] {
  const dir = join(root, 'src-renderer/app/strings');
  const files = [
    join(root, 'src-renderer/app/strings.ts'),
    ...readdirSync(dir).map((f) => join(dir, f)),
  ];
  return files.map((file) => ({
    file: file.slice(root.length + 1),
    text: readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, ''),
  }));
}

/** Every use of a rejected word, as "file: 不要用 → 用这个". */
function rejectedUses(entries: Entry[], texts: { file: string; text: string }[]): string[] {
  return texts.flatMap(({ file, text }) =>
    entries.flatMap(({ term, rejected }) =>
      rejected.filter((word) => text.includes(word)).map((word) => `${file}: ${word} → ${term}`),
    ),
  );
}

const entries = glossaryEntries(readFileSync(join(root, 'docs/glossary.md'), 'utf8'));

describe('the string catalog uses one word per thing (docs/glossary.md)', () => {
  test('the glossary lists the concepts with their rejected words', () => {
    expect(entries.length).toBeGreaterThanOrEqual(10);
    expect(entries).toContainEqual({
      term: '注册回复',
      rejected: ['登记回执', '注册回执', '登记回复'],
    });
  });

  test('no rejected word appears in the catalog', () => {
    expect(rejectedUses(entries, catalogText())).toEqual([]);
  });

  test('a rejected word added to the catalog is reported with the word to use instead', () => {
    const texts = catalogText();
    const sync = texts.find((f) => f.file.endsWith('strings/sync.ts'))!;
    const withSynonym = [{ ...sync, text: `${sync.text}\nx: '导入登记回执',` }];
    expect(rejectedUses(entries, withSynonym)).toEqual([
      'src-renderer/app/strings/sync.ts: 登记回执 → 注册回复',
    ]);
  });

  test('each glossary term is itself in use somewhere in the catalog', () => {
    const all = catalogText()
      .map((f) => f.text)
      .join('\n');
    expect(entries.filter((e) => !all.includes(e.term)).map((e) => e.term)).toEqual([]);
  });
});
