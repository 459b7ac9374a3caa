import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  MAX_NAME_BYTES,
  safeNamePart,
  type ExportFile,
} from '../../../src-main/services/profiles/exportName';

const bytes = (s: string) => new TextEncoder().encode(s).byteLength;

// What Windows refuses in a file name (macOS refuses / and :), plus every control character.
// eslint-disable-next-line no-control-regex -- control characters are what is checked for
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function expectSafe(name: string) {
  expect(name).not.toMatch(FORBIDDEN);
  expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  expect(name.trim()).toBe(name);
  expect(name).not.toMatch(/[. ]$/);
  expect(name).not.toMatch(WINDOWS_RESERVED);
  expect(name.length).toBeGreaterThan(0);
  expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  // encodeURIComponent throws on half a surrogate pair: the name is well-formed text.
  expect(() => encodeURIComponent(name)).not.toThrow();
}

describe('export file names', () => {
  it('names a result bundle by person, Beijing day and the sequence number', () => {
    // 17:30 UTC on 3 November is already 4 November in Beijing.
    expect(
      exportFileName({
        kind: 'result-bundle',
        person: '王建华',
        date: new Date('2025-11-03T17:30:00Z'),
        sequence: 2,
      }),
    ).toBe('结果包_王建华_2025-11-04_第2号.qhres');
  });

  it('names every kind of export readably, one word per part', () => {
    const at = '2025-11-03T02:00:00Z';
    const cases: [ExportFile, string][] = [
      [{ kind: 'enrollment-request', person: '李娜', date: at }, '注册申请_李娜_2025-11-03.json'],
      [
        { kind: 'subsidy-sheet', district: '朝阳区', quarter: '2025Q4' },
        '补贴申领表_朝阳区_2025年第4季度.xlsx',
      ],
      [
        { kind: 'panel-record', panel: '海淀第一评审组', date: '2025-11-20' },
        '会审记录_海淀第一评审组_2025-11-20.docx',
      ],
      [
        { kind: 'panel-results', panel: '海淀第一评审组', date: '2025-11-20' },
        '评审结果表_海淀第一评审组_2025-11-20.xlsx',
      ],
      [
        { kind: 'audit-report', className: '海淀区创业基础培训第3期', date: '2025-12-01' },
        '抽查报告_海淀区创业基础培训第3期_2025-12-01.docx',
      ],
      [
        { kind: 'certificates', className: '朝阳网络创业班', date: at, count: 12 },
        '合格证书_朝阳网络创业班_2025-11-03_12张.pdf',
      ],
      [{ kind: 'calibration-page', program: '创业基础培训' }, '校准页_创业基础培训.pdf'],
    ];
    for (const [file, name] of cases) expect(exportFileName(file)).toBe(name);
  });

  it('starts a demo profile’s names with 演示- (once)', () => {
    const file: ExportFile = { kind: 'enrollment-request', person: '演示专家', date: '2025-11-03' };
    expect(exportFileName(file, true)).toBe('演示-注册申请_演示专家_2025-11-03.json');
  });

  it('sorts a person’s bundles by day', () => {
    const names = ['2025-12-01', '2025-02-11', '2025-11-30'].map((date, i) =>
      exportFileName({ kind: 'result-bundle', person: '王建华', date, sequence: i + 1 }),
    );
    expect([...names].sort()).toEqual([names[1], names[2], names[0]]);
  });

  it('replaces reserved and invisible characters, trims dots and spaces, and fills an empty part', () => {
    expect(safeNamePart(' a/b\\c:d*e?f"g<h>i|j ')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(safeNamePart('班级\u202egpj.exe')).toBe('班级-gpj.exe');
    expect(safeNamePart('第一\n\t组')).toBe('第一 组');
    expect(safeNamePart('...')).toBe('未命名');
    expect(safeNamePart('组名.')).toBe('组名');
    expect(
      exportFileName({ kind: 'panel-record', panel: '../../etc/passwd', date: '2025-11-20' }),
    ).toBe('会审记录_-..-etc-passwd_2025-11-20.docx');
  });

  it('cuts a very long class name at whole characters, never inside a surrogate pair', () => {
    const name = exportFileName({
      kind: 'audit-report',
      className: '𠮷'.repeat(200),
      date: '2025-12-01',
    });
    expectSafe(name);
    expect(name).toMatch(/^抽查报告_(𠮷)+_2025-12-01\.docx$/);
  });

  it('always gives a safe file name, whatever the names and dates (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const date = fc.oneof(
      fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      fc.string({ maxLength: 20 }),
    );
    const file: fc.Arbitrary<ExportFile> = fc.oneof(
      fc.record({
        kind: fc.constant('result-bundle' as const),
        person: text,
        date,
        sequence: fc.nat(),
      }),
      fc.record({ kind: fc.constant('enrollment-request' as const), person: text, date }),
      fc.record({ kind: fc.constant('subsidy-sheet' as const), district: text, quarter: text }),
      fc.record({ kind: fc.constant('panel-record' as const), panel: text, date }),
      fc.record({ kind: fc.constant('panel-results' as const), panel: text, date }),
      fc.record({ kind: fc.constant('audit-report' as const), className: text, date }),
      fc.record({
        kind: fc.constant('certificates' as const),
        className: text,
        date,
        count: fc.nat(),
      }),
      fc.record({ kind: fc.constant('calibration-page' as const), program: text }),
    );
    fc.assert(
      fc.property(file, fc.boolean(), (f, demo) => {
        const name = exportFileName(f, demo);
        expectSafe(name);
        expect(name.startsWith('演示-')).toBe(demo);
      }),
      { numRuns: 500 },
    );
  });
});
