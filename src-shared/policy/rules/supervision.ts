// Supervision (通知 四; 附件4 第五条): what auditors check about live, recorded and offline
// teaching. Duties of the district or the platform are warnings; the organizer's own duties
// (sign-in, clips, full recording) are errors.
import type { ClassSession } from '../../records/records';
import { memoSlot, type ClassContext } from '../context';
import { addYears } from '../dates';
import { fmtHours, fmtPercent, type Finding } from '../findings';
import type { RuleDef } from './types';

export const liveSample: RuleDef = {
  id: 'R-LIVE-SAMPLE',
  group: 'supervision',
  classCheck: (ctx) => {
    const live = ctx.minutes.live;
    if (live === 0) return [ctx.notApplicable('R-LIVE-SAMPLE', '无直播课时')];
    const ratio = ctx.pack.supervision.liveSampleMinRatio;
    const needed = live * ratio;
    const sampled = ctx.inputs.liveSampleMinutes?.get(ctx.cls.id);
    if (sampled === undefined)
      return [
        ctx.pending(
          'R-LIVE-SAMPLE',
          '尚未录入直播抽查',
          `直播 ${live} 分钟，至少须抽查 ${Math.ceil(needed)} 分钟（${fmtPercent(ratio)}）`,
        ),
      ];
    const ok = sampled >= needed;
    const facts = `抽查 ${sampled} 分钟 / 直播 ${live} 分钟 = ${fmtPercent(sampled / live)} ${ok ? '≥' : '<'} ${fmtPercent(ratio)}`;
    return [
      ok
        ? ctx.pass('R-LIVE-SAMPLE', '直播抽查比例达到要求', facts)
        : ctx.finding('R-LIVE-SAMPLE', 'warning', 'fail', '直播抽查比例不足', facts),
    ];
  },
};

/** A replay proves its session only if it plays at least this share of it (docs/policy-rules.md, reading 7). */
export const REPLAY_MIN_COVERAGE = 0.95;

/**
 * Each live session's replay, judged by the duration measured from the file itself: the
 * manifest's duration is what the organizer states, so it alone leaves the session 待核查.
 */
function replayFindings(ctx: ClassContext, live: readonly ClassSession[]): Finding[] {
  const measured = ctx.inputs.measuredSeconds;
  const short: string[] = [];
  const unmeasured: string[] = [];
  for (const s of live) {
    if (s.videoFileIds.length === 0) continue;
    let sec = 0;
    let known = true;
    for (const id of s.videoFileIds) {
      const d = measured?.get(id);
      if (d === undefined) known = false;
      else sec += d;
    }
    const need = s.minutes * 60 * REPLAY_MIN_COVERAGE;
    if (!known) unmeasured.push(`${s.date} ${s.startTime}`);
    else if (sec < need)
      short.push(
        `${s.date} ${s.startTime} 回放 ${(sec / 60).toFixed(1)} 分钟 / 课程 ${s.minutes} 分钟 = ${fmtPercent(sec / (s.minutes * 60))} < ${fmtPercent(REPLAY_MIN_COVERAGE)}`,
      );
  }
  const out: Finding[] = [];
  if (short.length)
    out.push(
      ctx.finding(
        'R-LIVE-SCREEN',
        'warning',
        'fail',
        `${short.length} 次直播的回放不足课程时长的 ${fmtPercent(REPLAY_MIN_COVERAGE)}，不能证明该次直播`,
        short.join('；'),
      ),
    );
  if (unmeasured.length)
    out.push(
      ctx.pending(
        'R-LIVE-SCREEN',
        `${unmeasured.length} 次直播的回放时长尚未从文件测得（文件未接入或未读取），清单所报时长不作证明`,
        `未测：${unmeasured.join('、')}`,
      ),
    );
  return out;
}

export const liveScreen: RuleDef = {
  id: 'R-LIVE-SCREEN',
  group: 'supervision',
  classCheck: (ctx) => {
    const live = ctx.sessions.filter((s) => s.mode === 'live');
    if (live.length === 0) return [ctx.notApplicable('R-LIVE-SCREEN', '无直播课程')];
    const out: Finding[] = [];
    const noVideo = live.filter((s) => s.videoFileIds.length === 0);
    if (noVideo.length)
      out.push(
        ctx.finding(
          'R-LIVE-SCREEN',
          'warning',
          'fail',
          '直播平台未留存直播视频',
          `${noVideo.length} / ${live.length} 次直播无视频：${noVideo.map((s) => s.date).join('、')}`,
        ),
      );
    out.push(...replayFindings(ctx, live));
    const sc = ctx.inputs.liveScreening?.get(ctx.cls.id);
    if (!sc)
      out.push(
        ctx.pending('R-LIVE-SCREEN', '尚未核对直播平台敏感信息筛查', `${live.length} 次直播`),
      );
    else if (!sc.screened)
      out.push(
        ctx.finding(
          'R-LIVE-SCREEN',
          'warning',
          'fail',
          '直播平台未进行敏感信息筛查',
          `${live.length} 次直播未筛查`,
        ),
      );
    else if (sc.openAlerts > 0)
      out.push(
        ctx.finding(
          'R-LIVE-SCREEN',
          'warning',
          'fail',
          '直播内容预警尚未处理',
          `未处理预警 ${sc.openAlerts} 条`,
        ),
      );
    else if (out.length === 0)
      out.push(
        ctx.pass(
          'R-LIVE-SCREEN',
          '直播视频已留存、回放覆盖课程并完成筛查',
          `${live.length} 次直播回放实测均 ≥ 课程的 ${fmtPercent(REPLAY_MIN_COVERAGE)}，无未处理预警`,
        ),
      );
    return out;
  },
};

export const recordedCheck: RuleDef = {
  id: 'R-RECORDED-CHECK',
  group: 'supervision',
  classCheck: (ctx) => {
    if (ctx.minutes.recorded === 0) return [ctx.notApplicable('R-RECORDED-CHECK', '无录播课时')];
    const c = ctx.inputs.recordedChecks?.get(ctx.cls.id);
    if (!c)
      return [
        ctx.pending(
          'R-RECORDED-CHECK',
          '尚未核对录播平台人脸识别/人机校验抽查',
          `录播 ${fmtHours(ctx.minutes.recorded, ctx.pack.minutesPerHour)} 课时`,
        ),
      ];
    const facts = `随机抽查 ${c.spotChecks} 次；监管数据${c.transmitted ? '已' : '未'}传输到管理平台`;
    if (c.spotChecks === 0 || !c.transmitted)
      return [ctx.finding('R-RECORDED-CHECK', 'warning', 'fail', '录播学习过程监管不到位', facts)];
    return [ctx.pass('R-RECORDED-CHECK', '录播学习过程已抽查并上报', facts)];
  },
};

/** By the number of sessions missed. */
const signInsMissing = memoSlot('R-OFFLINE-SIGNIN', (ctx, n: number) =>
  ctx.finding(
    'R-OFFLINE-SIGNIN',
    'warning',
    'fail',
    `缺少 ${n} 次线下签到，须核实出勤`,
    `缺少人脸识别+位置签到 ${n} 次`,
  ),
);

export const offlineSignIn: RuleDef = {
  id: 'R-OFFLINE-SIGNIN',
  group: 'supervision',
  classCheck: (ctx) => {
    const offline = ctx.sessions.filter((s) => s.mode === 'offline');
    if (offline.length === 0) return [ctx.notApplicable('R-OFFLINE-SIGNIN', '无线下课程')];
    const enrolled = ctx.cls.traineeIds;
    const missing = ctx.missingSignIns;
    const gaps = [...missing.values()].reduce((a, b) => a + b, 0);
    const expected = offline.length * enrolled.length;
    const facts = `${offline.length} 次线下课程 × ${enrolled.length} 名学员 = 应签到 ${expected} 人次，缺少人脸+位置签到 ${gaps} 人次（${missing.size} 名学员）`;
    if (gaps === 0) return [ctx.pass('R-OFFLINE-SIGNIN', '线下课程签到完整', facts)];
    return [
      ctx.finding('R-OFFLINE-SIGNIN', 'warning', 'fail', '部分学员缺少人脸识别和位置签到', facts),
    ];
  },
  traineeCheck: (ctx, t) => {
    const n = ctx.missingSignIns.get(t.id);
    if (!n) return null;
    return ctx.memo(signInsMissing, n, n, undefined);
  },
};

export const offlineClip: RuleDef = {
  id: 'R-OFFLINE-CLIP',
  group: 'supervision',
  classCheck: (ctx) => {
    const offline = ctx.sessions.filter((s) => s.mode === 'offline');
    if (offline.length === 0) return [ctx.notApplicable('R-OFFLINE-CLIP', '无线下课程')];
    const perHour = ctx.pack.minutesPerHour;
    const minSec = ctx.pack.supervision.clipSecondsPerOfflineHour;
    const tooBrief: string[] = [];
    let required = 0;
    let uploaded = 0;
    const clipIds: string[] = [];
    for (const s of offline) {
      required += Math.floor(s.minutes / perHour);
      uploaded += s.clipFileIds.length;
      clipIds.push(...s.clipFileIds);
      for (const id of s.clipFileIds) {
        const d = ctx.index.files.get(id)?.durationSeconds;
        if (d !== undefined && d < minSec) tooBrief.push(`${id}（${d} 秒）`);
      }
    }
    const out: Finding[] = [];
    const facts = `线下应上传 ${required} 段 ${minSec} 秒现场视频，实 ${uploaded} 段`;
    // A missing or failed clip leaves its hour unproven: the hour is not counted (R-HOURS-MIN
    // decides whether the class still reaches its minimum); the clip alone withholds nothing.
    const unproven = ctx.unprovenHours;
    const missing = unproven.filter((h) => h.reason === 'missing');
    const failed = unproven.filter((h) => h.reason === 'failed');
    const name = (h: (typeof unproven)[number]) =>
      `${h.date} ${h.startTime} 场第 ${h.hour} 课时${h.fileId ? `（${h.fileId}）` : ''}`;
    if (missing.length)
      out.push(
        ctx.finding(
          'R-OFFLINE-CLIP',
          'warning',
          'fail',
          `${missing.length} 个线下课时缺少现场视频，该课时不计入总课时`,
          `${facts}；缺少：${missing.map(name).join('；')}`,
        ),
      );
    else out.push(ctx.pass('R-OFFLINE-CLIP', '每课时均有现场视频', facts));
    if (tooBrief.length)
      out.push(
        ctx.finding(
          'R-OFFLINE-CLIP',
          'warning',
          'fail',
          `部分现场视频短于 ${minSec} 秒`,
          tooBrief.join('、'),
        ),
      );
    const checks = ctx.inputs.clipChecks;
    if (clipIds.length) {
      const unchecked = checks ? clipIds.filter((id) => !checks.has(id)).length : clipIds.length;
      if (failed.length)
        out.push(
          ctx.finding(
            'R-OFFLINE-CLIP',
            'warning',
            'fail',
            `${failed.length} 段现场视频核查不通过，对应课时不计入总课时`,
            `不通过：${failed.map(name).join('；')}`,
          ),
        );
      if (unchecked)
        out.push(
          ctx.pending(
            'R-OFFLINE-CLIP',
            '现场视频尚未逐段核查',
            `未核查 ${unchecked} / ${clipIds.length} 段`,
          ),
        );
      else if (!failed.length)
        out.push(ctx.pass('R-OFFLINE-CLIP', '现场视频已核查', `${clipIds.length} 段均通过`));
    }
    return out;
  },
};

export const offlineFull: RuleDef = {
  id: 'R-OFFLINE-FULL',
  group: 'supervision',
  classCheck: (ctx) => {
    const offline = ctx.sessions.filter((s) => s.mode === 'offline');
    if (offline.length === 0) return [ctx.notApplicable('R-OFFLINE-FULL', '无线下课程')];
    const none = offline.filter((s) => s.videoFileIds.length === 0);
    const shortRec: string[] = [];
    for (const s of offline) {
      // Measured from the file (the auditor's player) wins over the organizer's statement.
      const known = s.videoFileIds.map(
        (id) => ctx.inputs.measuredSeconds?.get(id) ?? ctx.index.files.get(id)?.durationSeconds,
      );
      if (known.length && known.every((d) => d !== undefined)) {
        const sec = known.reduce<number>((a, b) => a + (b ?? 0), 0);
        // A few minutes of break or setup are normal; flag recordings under 90 % of the session.
        if (sec < s.minutes * 60 * 0.9)
          shortRec.push(`${s.date} 录像 ${Math.round(sec / 60)} 分钟 < 课程 ${s.minutes} 分钟`);
      }
    }
    if (none.length)
      return [
        ctx.finding(
          'R-OFFLINE-FULL',
          'error',
          'fail',
          '线下课程缺少全程录像',
          `${none.length} / ${offline.length} 次无录像：${none.map((s) => s.date).join('、')}`,
        ),
      ];
    if (shortRec.length)
      return [
        ctx.finding(
          'R-OFFLINE-FULL',
          'warning',
          'fail',
          '全程录像明显短于课程时长',
          shortRec.join('；'),
        ),
      ];
    return [
      ctx.pass('R-OFFLINE-FULL', '线下课程均有全程录像', `${offline.length} 次线下课程均有录像`),
    ];
  },
};

export const videoRetain: RuleDef = {
  id: 'R-VIDEO-RETAIN',
  group: 'supervision',
  classCheck: (ctx) => {
    const withVideo = ctx.sessions.filter((s) => s.videoFileIds.length > 0);
    if (withVideo.length === 0) return [ctx.notApplicable('R-VIDEO-RETAIN', '无课程视频')];
    const years = ctx.pack.supervision.videoRetentionYears;
    let last = withVideo[0]!.date;
    for (const s of withVideo) if (s.date > last) last = s.date;
    const facts = `${withVideo.length} 次课程有视频，至少保存至 ${addYears(last, years)}（${years} 年）`;
    const ok = ctx.inputs.videoRetention?.get(ctx.cls.id);
    if (ok === undefined)
      return [ctx.pending('R-VIDEO-RETAIN', `尚未确认平台保存视频不少于 ${years} 年`, facts)];
    return [
      ok
        ? ctx.pass('R-VIDEO-RETAIN', '平台已确认视频保存期限', facts)
        : ctx.finding(
            'R-VIDEO-RETAIN',
            'warning',
            'fail',
            `平台未按要求保存视频 ${years} 年`,
            facts,
          ),
    ];
  },
};

export const video480p: RuleDef = {
  id: 'R-VIDEO-480P',
  group: 'supervision',
  classCheck: (ctx) => {
    const live = ctx.sessions.filter((s) => s.mode === 'live');
    if (live.length === 0) return [ctx.notApplicable('R-VIDEO-480P', '无直播课程')];
    const min = ctx.pack.supervision.liveMinVideoHeight;
    const low = live.filter((s) => s.videoHeight !== undefined && s.videoHeight < min);
    const unknown = live.filter((s) => s.videoHeight === undefined);
    if (low.length)
      return [
        ctx.finding(
          'R-VIDEO-480P',
          'warning',
          'fail',
          `直播画面低于 ${min}P`,
          low.map((s) => `${s.date} ${s.videoHeight}P < ${min}P`).join('；'),
        ),
      ];
    if (unknown.length)
      return [
        ctx.pending(
          'R-VIDEO-480P',
          '直播分辨率未记录',
          `${unknown.length} / ${live.length} 次直播无分辨率数据`,
        ),
      ];
    return [
      ctx.pass(
        'R-VIDEO-480P',
        `直播画面不低于 ${min}P`,
        `${live.length} 次直播最低 ${Math.min(...live.map((s) => s.videoHeight ?? 0))}P ≥ ${min}P`,
      ),
    ];
  },
};
