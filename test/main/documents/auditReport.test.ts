import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditReportDataSchema, auditReportDoc } from '../../../src-shared/audit/auditReportDoc';
import { auditReportDocx } from '../../../src-main/services/documents/auditReportDocx';
import { makeAuditReportData } from '../../fixtures/auditReportData';
import { readZip } from '../demo/zip';

async function docx(bytes: Uint8Array) {
  const entries = await readZip(Buffer.from(bytes));
  const xml = entries.get('word/document.xml')!.toString('utf8');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { entries, xml, text };
}

describe('抽查报告 DOCX', () => {
  it('carries scope, seed, coverage, the finding with timecodes and rule, verdicts and signatures', async () => {
    const data = auditReportDataSchema.parse(makeAuditReportData());
    const { text } = await docx(await auditReportDocx(auditReportDoc(data)));
    for (const part of [
      '海淀区创业培训视频抽查报告',
      '培训班：创业启航基础班第1期培训组织方',
      '种子「20261203-0417」',
      'qh-live-sample-v1',
      '直播共 900 分钟，应抽查不少于 90 分钟；抽中 180 分钟，实际观看（以不超过 2 倍速播放计）92.5 分钟，达到',
      '【讲师不在场·严重】',
      '00:40:05.500 至 01:05:00.000',
      '课堂时间 2025-10-10 09:40:05',
      'R-LECTURERS；可能构成清退情形 4',
      '本班抽查结论：违规。',
      '抽查人（签字）',
      '海淀区人力资源和社会保障局（盖章）',
    ])
      expect(text).toContain(part);
  });

  it('cites rules by their names and clauses first, the id last, and the package by its title', async () => {
    const data = {
      ...makeAuditReportData(),
      rules: {
        'R-LECTURERS': { title: '讲师在场', clause: '附件1 第五条' },
        'R-LIVE-SAMPLE': { title: '直播视频抽查', clause: '通知 四（一）' },
      },
    };
    const { text } = await docx(await auditReportDocx(auditReportDoc(data)));
    expect(text).toContain('依据：讲师在场（附件1 第五条，R-LECTURERS）；可能构成清退情形 4');
    expect(text).toContain(
      '本报告引用的规则：直播视频抽查（通知 四（一），R-LIVE-SAMPLE）、讲师在场（',
    );
    expect(text).toContain(`工作包：${data.packageTitle}抽查人`);
    expect(text).not.toContain(data.packageId);
  });

  it('embeds the frame grab byte for byte, so its SHA-256 in the caption can be checked', async () => {
    const data = makeAuditReportData();
    const { entries, text } = await docx(await auditReportDocx(auditReportDoc(data)));
    const media = [...entries.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const sha = createHash('sha256').update(entries.get(media[0]!)!).digest('hex');
    expect(sha).toBe(data.findings[0]!.grab!.sha256);
    expect(text).toContain(`SHA-256 ${sha}`);
  });

  it('names the class by its name alone, adding its id only when another class shares the name', async () => {
    const alone = await docx(await auditReportDocx(auditReportDoc(makeAuditReportData())));
    expect(alone.text).toContain('培训班：创业启航基础班第1期培训组织方');
    expect(alone.text).not.toContain('C-2025-HD-B01');
    const shared = { ...makeAuditReportData(), classNameShared: true };
    const twin = await docx(await auditReportDocx(auditReportDoc(shared)));
    expect(twin.text).toContain('培训班：创业启航基础班第1期（C-2025-HD-B01）');
  });

  it('says so when the sample falls short and nothing was found', async () => {
    const data = makeAuditReportData();
    data.sample!.watchedMinutes = 30;
    data.findings = [];
    const { text } = await docx(await auditReportDocx(auditReportDoc(data)));
    expect(text).toContain('未达到抽查比例要求');
    expect(text).toContain('抽查中未发现问题。');
  });
});
