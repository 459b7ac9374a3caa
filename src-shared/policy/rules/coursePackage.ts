// Recorded course packages (附件5): checked by a district reviewer before the recorded hours
// may count. Duration comes from the package file record; the rest from the reviewer's checklist.
import type { ClassContext } from '../context';
import type { Finding } from '../findings';
import type { CoursePackageReview } from '../inputs';
import type { RuleId } from '../ruleIds';
import type { RuleDef } from './types';

/**
 * Files behind the class's recorded sessions (course packages), each with what the reviewer
 * knows it by: the recorded sessions that use it, not its file id. Five rules read this for
 * every class, so the context keeps it (ClassContext.recordedPackages).
 */
export function recordedPackages(ctx: ClassContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of ctx.sessions) {
    if (s.mode !== 'recorded') continue;
    for (const id of s.videoFileIds) {
      if (out.has(id)) continue;
      const kind = ctx.index.files.get(id)?.kind;
      if (kind === undefined || kind === 'course-package') out.set(id, packageLabel(ctx, id));
    }
  }
  return out;
}

function packageLabel(ctx: ClassContext, fileId: string): string {
  const titles = ctx.sessions
    .filter((s) => s.mode === 'recorded' && s.videoFileIds.includes(fileId))
    .map((s) => `“${s.title}”`);
  return titles.length > 0 ? `${titles.join('、')}的课程包` : `课程包 ${fileId}`;
}

export const pkg45: RuleDef = {
  id: 'R-PKG-45MIN',
  group: 'course-package',
  classCheck: (ctx) => {
    const recorded = ctx.sessions.filter((s) => s.mode === 'recorded');
    if (recorded.length === 0) return [ctx.notApplicable('R-PKG-45MIN', '无录播课时')];
    const min = ctx.pack.coursePackage.minMinutes;
    const out: Finding[] = [];
    const unlinked = recorded.filter((s) => s.videoFileIds.length === 0);
    if (unlinked.length)
      out.push(
        ctx.finding(
          'R-PKG-45MIN',
          'error',
          'fail',
          '录播课程未关联课程包',
          `${unlinked.length} 次录播无课程包：${unlinked.map((s) => s.title).join('、')}`,
        ),
      );
    const packages = ctx.recordedPackages;
    const short: string[] = [];
    const unknown: string[] = [];
    let played = 0;
    for (const [id, label] of packages) {
      // The duration measured from the file itself (the player) wins over the organizer's
      // manifest statement, which wins over a minute count the reviewer typed.
      const sec = ctx.inputs.measuredSeconds?.get(id) ?? ctx.index.files.get(id)?.durationSeconds;
      const m = sec !== undefined ? sec / 60 : ctx.index.coursePackages.get(id)?.playMinutes;
      if (m === undefined) unknown.push(label);
      else {
        played += m;
        if (m < min) short.push(`${label} ${m.toFixed(1)} 分钟`);
      }
    }
    if (short.length)
      out.push(
        ctx.finding(
          'R-PKG-45MIN',
          'error',
          'fail',
          `课程包播放时长不足 ${min} 分钟`,
          short.join('、'),
        ),
      );
    if (unknown.length)
      out.push(ctx.pending('R-PKG-45MIN', '课程包播放时长未知', `未知时长：${unknown.join('、')}`));
    else if (packages.size && played < ctx.minutes.recorded) {
      out.push(
        ctx.finding(
          'R-PKG-45MIN',
          'error',
          'fail',
          '录播课时超过课程包可计学时',
          `课程包共 ${played.toFixed(0)} 分钟 < 录播 ${ctx.minutes.recorded} 分钟`,
        ),
      );
    }
    if (out.length === 0)
      out.push(
        ctx.pass(
          'R-PKG-45MIN',
          `课程包均不少于 ${min} 分钟`,
          `${packages.size} 个课程包共 ${played.toFixed(0)} 分钟 ≥ 录播 ${ctx.minutes.recorded} 分钟`,
        ),
      );
    return out;
  },
};

type Verdict = { bad?: string; unknown?: boolean };
const UNKNOWN: Verdict = { unknown: true };

function checklist(
  id: RuleId,
  label: string,
  severity: 'error' | 'warning',
  judge: (r: CoursePackageReview) => Verdict,
): RuleDef {
  return {
    id,
    group: 'course-package',
    classCheck: (ctx) => {
      const packages = ctx.recordedPackages;
      if (packages.size === 0) return [ctx.notApplicable(id, '无录播课程包')];
      const bad: string[] = [];
      const open: string[] = [];
      for (const [fid, name] of packages) {
        const r = ctx.index.coursePackages.get(fid);
        const v = r ? judge(r) : UNKNOWN;
        if (v.bad) bad.push(`${name}：${v.bad}`);
        else if (v.unknown) open.push(name);
      }
      if (bad.length)
        return [ctx.finding(id, severity, 'fail', `课程包${label}不符合要求`, bad.join('；'))];
      if (open.length)
        return [ctx.pending(id, `课程包${label}尚未审核`, `未审核：${open.join('、')}`)];
      return [ctx.pass(id, `课程包${label}符合要求`, `${packages.size} 个课程包已审核`)];
    },
  };
}

export const pkgParts = checklist('R-PKG-PARTS', '构成', 'error', (r) => {
  const parts: [boolean | undefined, string][] = [
    [r.hasIntroduction, '缺课程介绍'],
    [r.hasDirectory, '缺课程目录'],
    [r.hasResources, '缺课程资源'],
    [r.matchesPlan, '与培训方案不匹配'],
  ];
  const bad = parts.filter(([v]) => v === false).map(([, s]) => s);
  if (bad.length) return { bad: bad.join('、') };
  return { unknown: parts.some(([v]) => v === undefined) };
});

export const pkgCopyright = checklist('R-PKG-COPYRIGHT', '版权证明', 'error', (r) =>
  r.copyrightProof === false
    ? { bad: '无版权证明或授权' }
    : { unknown: r.copyrightProof === undefined },
);

export const pkgContent = checklist('R-PKG-CONTENT', '内容', 'error', (r) =>
  r.contentIssues === undefined
    ? { unknown: true }
    : r.contentIssues.length
      ? { bad: r.contentIssues.join('、') }
      : {},
);

// Sound and picture faults lower quality but are not a legal bar, so they warn.
export const pkgAv = checklist('R-PKG-AV', '声画质量', 'warning', (r) =>
  r.avIssues === undefined
    ? { unknown: true }
    : r.avIssues.length
      ? { bad: r.avIssues.join('、') }
      : {},
);
