// The class a district auditor can audit end to end on the demo (视频抽查): C-2025-HD-B01, shaped
// so that everything the audit watches ships as real, playable, low-bitrate VP9 on the demo's
// media drive (resources/demo/media) while the repository stays small:
// - two short live sessions (15 minutes each, 30 live minutes: a 10 % sample is one of them),
//   each with its full replay; session 03's replay has the seeded problem: from 05:00 to 05:30
//   the lectern is empty and the frame says 讲台无人（讲师离场）;
// - seven offline days of 255 minutes (5 class hours each), one ~10-second clip per class hour
//   with its capture time (manifest format 3), all on the drive; seeded: session 06 has no clip
//   for hour 3, session 08's hour-2 clip lasts 4 seconds;
// - five recorded sessions; session 05 is a 45-minute unit whose real 47-minute course package
//   is on the drive (the other four stay declared-only, as in every other class).
// The class still files 56+ hours with under half recorded. It is reshaped after every class
// was generated, with its own PRNG, so no other record of the demo changes.
import type { ClassSession, Trainee } from '../../src-shared/records/records';
import { instant } from './calendar';
import { makeRng } from './prng';
import { clipCapturedAt } from './sessions';
import type { Ctx, DemoFileEntry } from './types';

export const AUDIT_CLASS = 'C-2025-HD-B01';
const LIVE = new Set([2, 3]);
const LIVE_MINUTES = 15;
const OFFLINE_MINUTES = 255;
const PACKAGE_SESSION = 5;
const PACKAGE_SESSION_MINUTES = 45;
const PACKAGE_SECONDS = 47 * 60;
/** The seeded stretch in session 03's replay where nobody is at the lectern. */
export const LECTURER_ABSENT = { session: 3, from: 300, to: 330 } as const;
const MISSING_CLIP = { session: 6, hour: 3 } as const;
const SHORT_CLIP = { session: 8, hour: 2, seconds: 4 } as const;

function lectureFile(
  id: string,
  path: string,
  kind: 'video' | 'course-package',
  seconds: number,
  title: string,
  subtitle: string,
  absent?: { from: number; to: number },
): DemoFileEntry {
  return {
    id,
    path,
    mediaType: 'video/webm',
    kind,
    external: true,
    durationSeconds: seconds,
    content: {
      type: 'media',
      recipe: {
        cacheName: path.split('/').pop()!,
        width: 854,
        height: 480,
        seconds,
        title,
        subtitle,
        pattern: 'lecture',
        bitrateK: 0,
        ...(absent ? { absent } : {}),
      },
    },
  };
}

/** Reshapes the audit class's sessions in place; `members` are that class's trainees. */
export function shapeAuditClass(ctx: Ctx, sessions: ClassSession[], members: Trainee[]): void {
  const rng = makeRng(0x5e1ec7);
  const own = sessions.filter((s) => s.classId === AUDIT_CLASS);
  // The class's in-package clips are replaced by clips on the drive.
  const oldClips = new Set(own.flatMap((s) => s.clipFileIds));
  for (let i = ctx.files.length - 1; i >= 0; i--) {
    if (oldClips.has(ctx.files[i]!.id)) ctx.files.splice(i, 1);
  }
  for (const s of own) {
    const n = Number(s.id.slice(-2));
    s.videoFileIds = [];
    s.clipFileIds = [];
    if (LIVE.has(n)) {
      s.mode = 'live';
      s.minutes = LIVE_MINUTES;
      s.signIns = [];
      delete s.venue;
      s.videoHeight = 480;
      const id = `replay-${s.id}`;
      s.videoFileIds.push(id);
      ctx.files.push(
        lectureFile(
          id,
          `recordings/${AUDIT_CLASS}/${s.id}-live.webm`,
          'video',
          LIVE_MINUTES * 60,
          `直播回放 ${s.title}`,
          `${AUDIT_CLASS} ${s.date} ${s.startTime.replace(':', 'h')}`,
          n === LECTURER_ABSENT.session ? LECTURER_ABSENT : undefined,
        ),
      );
      continue;
    }
    if (s.mode === 'recorded') {
      if (n === PACKAGE_SESSION) {
        s.minutes = PACKAGE_SESSION_MINUTES;
        const id = `course-${s.id}`;
        s.videoFileIds.push(id);
        ctx.files.push(
          lectureFile(
            id,
            `course-packages/${AUDIT_CLASS}/${s.id}-course.webm`,
            'course-package',
            PACKAGE_SECONDS,
            `录播课程包 ${s.title}`,
            `${AUDIT_CLASS} 课程包`,
          ),
        );
      }
      continue;
    }
    // Every other session is an offline day.
    s.mode = 'offline';
    s.minutes = OFFLINE_MINUTES;
    s.startTime = '09:00';
    s.venue = '海淀区中关村大街18号启明培训楼302室';
    delete s.videoHeight;
    // Everyone present, face and location recognised: the seeded problems are in the media.
    s.signIns = members.map((t) => ({
      traineeId: t.id,
      at: instant(s.date, `08:${String(rng.int(35, 59)).padStart(2, '0')}`),
      face: true,
      located: true,
    }));
    const hours = Math.floor(OFFLINE_MINUTES / 45);
    for (let h = 1; h <= hours; h++) {
      if (n === MISSING_CLIP.session && h === MISSING_CLIP.hour) continue;
      const seconds = n === SHORT_CLIP.session && h === SHORT_CLIP.hour ? SHORT_CLIP.seconds : 10;
      const fileId = `clip-2025-HD-B01-${String(n).padStart(2, '0')}-h${h}`;
      s.clipFileIds.push(fileId);
      const path = `clips/${AUDIT_CLASS}/${s.id}-h${h}.webm`;
      ctx.files.push({
        id: fileId,
        path,
        mediaType: 'video/webm',
        kind: 'clip',
        external: true,
        durationSeconds: seconds,
        capturedAt: clipCapturedAt(s.date, s.startTime, h, fileId),
        content: {
          type: 'media',
          recipe: {
            cacheName: path.split('/').pop()!,
            width: 320,
            height: 180,
            seconds,
            title: `${s.title} 第${h}课时`,
            subtitle: `${AUDIT_CLASS} ${s.date}`,
            pattern: 'bars',
            bitrateK: 12,
          },
        },
      });
    }
  }
}
