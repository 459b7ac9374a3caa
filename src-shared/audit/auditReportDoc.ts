// 抽查报告 as data: the district bureau's report on one class's video spot check — scope, the
// sample and its seed (so the platform can redraw it), coverage against the 10 % line, each
// finding with its timecodes, rule and frame grab, the session verdicts, the class conclusion,
// the rules cited and signature lines. src-main/services/documents lays the blocks out as DOCX.
import { z } from 'zod';
import { recordId, sha256Hex } from '../wire/primitives';
import type { DocBlock } from '../panel/panelRecordDoc';
import { CATEGORIES, findingCategories, findingSeverities, SEVERITY_LABEL } from './findings';
import { formatTimecode } from './timecode';
import { sessionVerdicts, VERDICT_LABEL } from './verdicts';

export const auditReportDataSchema = z
  .object({
    district: z.string().min(1).max(40),
    packageId: recordId,
    packageTitle: z.string().max(200),
    classId: recordId,
    className: z.string().max(200),
    /**
     * Another class of the package has the same name: only then does the report add the class's
     * id to tell them apart (src-shared/records/sameNames.ts); otherwise people read the name.
     */
    classNameShared: z.boolean().optional(),
    organizerName: z.string().max(200),
    auditorName: z.string().min(1).max(64),
    /** The report's date, YYYY-MM-DD (Asia/Shanghai). */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sample: z
      .object({
        seed: z.string().max(64),
        algorithm: z.string().max(40),
        percent: z.number().int(),
        liveMinutes: z.number().min(0),
        drawnMinutes: z.number().min(0),
        watchedMinutes: z.number().min(0),
      })
      .nullable(),
    sessions: z
      .array(
        z.object({
          label: z.string().max(200),
          minutes: z.number().min(0),
          inSample: z.enum(['drawn', 'added', 'no']),
          watchedMinutes: z.number().min(0),
          verdict: z.enum(sessionVerdicts).optional(),
        }),
      )
      .max(2000),
    findings: z
      .array(
        z.object({
          session: z.string().max(200),
          file: z.string().max(300),
          start: z.number().min(0),
          end: z.number().min(0).optional(),
          wallClock: z.string().max(40).optional(),
          category: z.enum(findingCategories),
          severity: z.enum(findingSeverities),
          ruleId: z.string().max(32),
          exitGround: z.number().int().min(1).max(10).optional(),
          note: z.string().max(2000),
          grab: z
            .object({
              sha256: sha256Hex,
              /** The PNG itself, base64, so the report carries the evidence it cites. */
              pngBase64: z.string().max(8_000_000),
              width: z.number().int().positive(),
              height: z.number().int().positive(),
            })
            .optional(),
        }),
      )
      .max(500),
    conclusion: z.enum(sessionVerdicts).optional(),
    conclusionNote: z.string().max(2000).default(''),
    /**
     * The cited rules' names and clauses from the policy pack in force for the class, so people
     * read 讲师在场 before R-LECTURERS; a rule missing here is cited by its id alone.
     */
    rules: z
      .record(
        z.string().max(32),
        z.object({ title: z.string().max(200), clause: z.string().max(400) }).strict(),
      )
      .optional(),
  })
  .strict();
export type AuditReportData = z.infer<typeof auditReportDataSchema>;

export type AuditDocBlock =
  DocBlock | { type: 'image'; pngBase64: string; width: number; height: number; caption: string };

export interface AuditReportDoc {
  title: string;
  blocks: AuditDocBlock[];
}

const cn = ['一', '二', '三', '四', '五', '六', '七', '八'];
const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
// Full-width spaces separate fields as in printed government forms.
const GAP = '\u3000\u3000';
const SIGN = '\u3000'.repeat(8);
const min1 = (m: number) => (Math.round(m * 10) / 10).toString();

export function auditReportDoc(data: AuditReportData): AuditReportDoc {
  const title = `${data.district}创业培训视频抽查报告`;
  const b: AuditDocBlock[] = [{ type: 'title', text: title }];
  // The rule's name, its clause and the id last (the platform and support search by id).
  const ruleName = (id: string) => {
    const r = data.rules?.[id];
    return r ? `${r.title}（${r.clause ? `${r.clause}，` : ''}${id}）` : id;
  };
  let h = 0;
  const heading = (text: string) => b.push({ type: 'heading', text: `${cn[h++]}、${text}` });

  heading('抽查范围');
  const classLabel = data.classNameShared ? `${data.className}（${data.classId}）` : data.className;
  b.push({ type: 'para', text: `培训班：${classLabel}` });
  b.push({ type: 'para', text: `培训组织方：${data.organizerName}` });
  b.push({ type: 'para', text: `工作包：${data.packageTitle}` });
  b.push({ type: 'para', text: `抽查人：${data.auditorName}${GAP}抽查日期：${zhDate(data.date)}` });

  heading('抽样方法与覆盖情况');
  if (data.sample) {
    const s = data.sample;
    const target = (s.liveMinutes * s.percent) / 100;
    b.push({
      type: 'para',
      indent: true,
      text: `依据《通知》四（一），按不低于直播课时 ${s.percent}% 的比例抽查直播视频。抽样以种子「${s.seed}」按算法 ${s.algorithm}（SHA-256 种子、xoshiro128** 伪随机数、Fisher–Yates 洗牌）确定，平台可以同一种子重新抽取并核对。`,
    });
    b.push({
      type: 'para',
      indent: true,
      text: `直播共 ${min1(s.liveMinutes)} 分钟，应抽查不少于 ${min1(target)} 分钟；抽中 ${min1(s.drawnMinutes)} 分钟，实际观看（以不超过 2 倍速播放计）${min1(s.watchedMinutes)} 分钟，${s.watchedMinutes >= target ? '达到' : '未达到'}抽查比例要求。`,
    });
  } else b.push({ type: 'para', indent: true, text: '本班尚未抽取直播样本。' });
  b.push({
    type: 'table',
    header: ['场次', '时长（分钟）', '样本', '已观看（分钟）', '结论'],
    widths: [38, 14, 12, 16, 20],
    rows: data.sessions.map((x) => [
      x.label,
      String(x.minutes),
      x.inSample === 'drawn' ? '抽中' : x.inSample === 'added' ? '追加' : '—',
      min1(x.watchedMinutes),
      x.verdict ? VERDICT_LABEL[x.verdict] : '—',
    ]),
  });

  heading('发现的问题');
  if (!data.findings.length) b.push({ type: 'para', indent: true, text: '抽查中未发现问题。' });
  data.findings.forEach((f, i) => {
    const range = `${formatTimecode(f.start)}${f.end !== undefined ? ` 至 ${formatTimecode(f.end)}` : ''}`;
    b.push({
      type: 'para',
      text: `${i + 1}. 【${CATEGORIES[f.category].label}·${SEVERITY_LABEL[f.severity]}】${f.session}，视频 ${f.file} ${range}${f.wallClock ? `（课堂时间 ${f.wallClock.slice(0, 10)} ${f.wallClock.slice(11, 19)}）` : ''}。${f.note}`,
    });
    b.push({
      type: 'para',
      text: `${GAP}依据：${ruleName(f.ruleId)}${f.exitGround ? `；可能构成清退情形 ${f.exitGround}（附件1–3 二（四）${f.exitGround}）` : ''}`,
    });
    if (f.grab)
      b.push({
        type: 'image',
        pngBase64: f.grab.pngBase64,
        width: f.grab.width,
        height: f.grab.height,
        caption: `图 ${i + 1}\u3000${range} 截图，SHA-256 ${f.grab.sha256}`,
      });
  });

  heading('抽查结论');
  b.push({
    type: 'para',
    indent: true,
    text: `${data.conclusion ? `本班抽查结论：${VERDICT_LABEL[data.conclusion]}。` : '本班尚未作出抽查结论。'}${data.conclusionNote}`,
  });

  heading('依据条款');
  const rules = [...new Set(['R-LIVE-SAMPLE', ...data.findings.map((f) => f.ruleId)])];
  b.push({
    type: 'para',
    indent: true,
    text: `京人社能发〔2023〕25号《通知》四（一）（直播视频按不低于 10% 比例抽查）；本报告引用的规则：${rules.map(ruleName).join('、')}。`,
  });

  b.push({
    type: 'signatures',
    lines: [
      `抽查人（签字）：${SIGN}日期：${zhDate(data.date)}`,
      `复核人（签字）：${SIGN}日期：`,
      `${data.district}人力资源和社会保障局（盖章）`,
    ],
  });
  return { title, blocks: b };
}
