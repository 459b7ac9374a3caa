// The e2e text scan's rule by itself: what it lets through and what it reports.
import { describe, expect, test } from 'vitest';
import { scanText } from '../e2e/helpers/textScan';

const kinds = (text: string) => scanText(text).map((h) => `${h.kind}:${h.text}`);

describe('scanText', () => {
  test('reports English words, with allowed file formats and key names let through', () => {
    expect(kinds('导出 XLSX 或 PDF；Ctrl + O 打开 *.qhpkg')).toEqual([]);
    expect(kinds('数据保存在本机 IndexedDB 中')).toEqual(['english:IndexedDB']);
    expect(kinds('Toggle password visibility')).toEqual([
      'english:Toggle',
      'english:password',
      'english:visibility',
    ]);
  });

  test('reports content types, package and pack ids', () => {
    expect(kinds('回执：期望 application/vnd.qihang.receipt+json')).toContain(
      'english:application',
    );
    expect(kinds('（demo-2025-haidian-chaoyang 第 3 版）')).toContain('english:haidian');
    expect(kinds('适用政策包 jrsnf-2023-25')).toEqual(['english:jrsnf']);
  });

  test('reports UUIDs and the work package record ids', () => {
    expect(kinds('bd051ebe-1c2f-4a7b-9e3d-0123456789ab-000001.qhres')).toEqual([
      'uuid:bd051ebe-1c2f-4a7b-9e3d-0123456789ab',
    ]);
    expect(kinds('海淀区 · org-hd-qiming')).toEqual(['internal-id:org-hd-qiming']);
    expect(kinds('未审核：course-S-2024-HD-O03-03')).toEqual([
      'internal-id:course-S-2024-HD-O03-03',
    ]);
  });

  test('a rule id may stand alone or close its title’s citation, never inside a sentence', () => {
    expect(kinds('R-PLAN-APPROVED')).toEqual([]);
    expect(kinds('创业基础培训补贴（通知 三（一），R-SUBSIDY-BASIC）：不予补贴')).toEqual([]);
    expect(kinds('不予补贴（未满足：R-PLAN-APPROVED、R-NO-REPEAT）')).toEqual([
      'rule-id:R-PLAN-APPROVED',
      'rule-id:R-NO-REPEAT',
    ]);
  });

  test('reports trainee and class ids, demo and test-package spellings, but not SHA-256', () => {
    expect(kinds('王芳 T-00007 · C-2025-HD-B01 · 2025-03-03')).toEqual([
      'internal-id:T-00007',
      'internal-id:C-2025-HD-B01',
    ]);
    expect(kinds('学员1-2 TRN-1-2（CLS-1）')).toEqual(['internal-id:TRN-1-2', 'internal-id:CLS-1']);
    expect(kinds('文件的 SHA-256 与签名清单不符')).toEqual([]);
  });

  test('certificate numbers are the identifier a printer compares, and pass', () => {
    expect(kinds('韩海勇 BJWL-2024-004100')).toEqual([]);
  });
});
