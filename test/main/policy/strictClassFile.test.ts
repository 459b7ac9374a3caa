// `npm run policy -- check` refuses what it used to take silently: misspelt keys, duplicate
// ids, sessions of a class that is not there, impossible dates; it names the field in Chinese,
// every problem at once, takes a UTF-8 BOM and calls an empty file empty.
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../src-shared/time';
import { parseClassFile } from '../../../src-main/services/policy/loadCheckInput';
import { makeClass } from '../../shared/policy/factories';

function classFile(
  edit: (f: Record<string, unknown> & { records: Record<string, unknown[]> }) => void = () => {},
) {
  const { files, ...records } = makeClass({ trainees: 2 });
  const file = { records: records as unknown as Record<string, unknown[]>, files } as Record<
    string,
    unknown
  > & {
    records: Record<string, unknown[]>;
  };
  edit(file);
  return JSON.stringify(file);
}

const refused = (text: string) => {
  const r = parseClassFile(text, 'class.json');
  if (r.ok) throw new Error('accepted');
  return r.error;
};

describe('policy check: a class file typed by hand is read strictly', () => {
  it('reads a correct class file, with or without a UTF-8 BOM', () => {
    expect(parseClassFile(classFile(), 'class.json').ok).toBe(true);
    expect(parseClassFile(`\ufeff${classFile()}`, 'class.json').ok).toBe(true);
  });

  it('calls an empty file empty, not "not valid JSON"', () => {
    for (const text of ['', '\ufeff', '  \n'])
      expect(refused(text)).toMatchObject({
        code: 'policy/empty',
        message: 'class.json 是空文件，没有任何内容',
      });
  });

  it('refuses a misspelt key in records and in inputs, naming it', () => {
    const trainee = refused(classFile((f) => (f.records.trainee = [])));
    expect(trainee.code).toBe('policy/class-file');
    expect(trainee.message).toContain('trainee');
    const outcome = refused(classFile((f) => (f.inputs = { outcomePased: { 'C1-T1': true } })));
    expect(outcome.message).toContain('outcomePased');
    expect(refused(classFile((f) => (f.extra = 1))).message).toContain('extra');
  });

  it('refuses duplicate trainee ids instead of letting the last one win', () => {
    const error = refused(classFile((f) => f.records.trainees!.push(f.records.trainees![0])));
    expect(error).toMatchObject({ code: 'policy/duplicate-id' });
    expect(error.message).toContain('records.trainees[2].id');
    expect(error.message).toContain('学员编号「C1-T1」重复出现');
  });

  it('refuses a session of a class that is not in the file', () => {
    const error = refused(
      classFile((f) => ((f.records.sessions![0] as { classId: string }).classId = 'C404')),
    );
    expect(error).toMatchObject({ code: 'policy/unknown-class' });
    expect(error.message).toContain('records.sessions[0].classId');
    expect(error.message).toContain('C404');
  });

  it('lists every schema problem in Chinese, not the first three in English', () => {
    const error = refused(
      classFile((f) => {
        for (const t of f.records.trainees as Record<string, unknown>[]) {
          t.gender = 'X';
          t.birthDate = 5;
        }
      }),
    );
    const problems = error.message.split('；');
    expect(problems).toHaveLength(4);
    expect(error.message).toContain('records.trainees[1].birthDate');
    expect(error.message).not.toMatch(/Invalid|expected/);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('policy check --as-of', () => {
  it('takes only days that exist', () => {
    expect(isCalendarDate('2025-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-1-01', '20250101'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});
