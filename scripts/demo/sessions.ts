// Class sessions in minutes (live / recorded / offline), with offline sign-ins and one
// 10-second on-site clip per class hour, the few recordings that ship with the demo, and the
// full recordings and course packages that are only declared (they travel on a drive).
import { createHash } from 'node:crypto';
import type { ClassSession, Trainee } from '../../src-shared/records/records';
import { instant, spreadDates } from './calendar';
import { SESSION_MINUTES, SESSION_TITLES, type ClassPlan } from './classes';
import type { Ctx, DeclaredExternal } from './types';

/**
 * When the on-site device captured hour `h`'s clip (manifest format 3): a few minutes into that
 * class hour, the minute derived from the file id so the PRNG stream (and every other record)
 * stays as it was.
 */
export function clipCapturedAt(date: string, startTime: string, h: number, fileId: string): string {
  const [hh, mm] = startTime.split(':').map(Number) as [number, number];
  const into =
    2 + (parseInt(createHash('sha256').update(fileId).digest('hex').slice(0, 4), 16) % 30);
  const minute = hh * 60 + mm + (h - 1) * 45 + into;
  const at = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return instant(date, at);
}

export function buildSessions(plan: ClassPlan, trainees: Trainee[], ctx: Ctx): ClassSession[] {
  const { rng } = ctx;
  const dates = spreadDates(plan.startDate, plan.endDate, plan.modes.length);
  const titles =
    SESSION_TITLES[
      plan.program === 'basic' ? 'basic' : plan.program === 'online' ? 'online' : 'elite'
    ];
  return plan.modes.map((mode, i): ClassSession => {
    const date = dates[i] ?? plan.startDate;
    const id = `S-${plan.id.slice(2)}-${String(i + 1).padStart(2, '0')}`;
    const lecturer =
      plan.lecturerIds[i % plan.lecturerIds.length] ?? plan.lecturerIds[0] ?? 'lec-001';
    const session: ClassSession = {
      id,
      classId: plan.id,
      date,
      startTime: i % 2 === 0 ? '09:00' : '14:00',
      mode,
      minutes: SESSION_MINUTES,
      title: titles[i] ?? `专题课程${i + 1}`,
      lecturerIds: mode === 'recorded' ? [plan.lecturerIds[0] ?? lecturer] : [lecturer],
      videoFileIds: [],
      clipFileIds: [],
      signIns: [],
    };
    if (mode === 'offline') {
      session.venue = plan.venue;
      const hours = SESSION_MINUTES / 45;
      for (let h = 1; h <= hours; h++) {
        const fileId = `clip-${plan.id.slice(2)}-${String(i + 1).padStart(2, '0')}-h${h}`;
        session.clipFileIds.push(fileId);
        ctx.files.push({
          id: fileId,
          path: `media/clips/${plan.id}/${id}-h${h}.webm`,
          mediaType: 'video/webm',
          kind: 'clip',
          external: false,
          durationSeconds: 10,
          capturedAt: clipCapturedAt(date, session.startTime, h, fileId),
          content: {
            type: 'media',
            recipe: {
              cacheName: `${fileId}.webm`,
              width: 320,
              height: 180,
              seconds: 10,
              title: `${session.title} 第${h}课时`,
              subtitle: `${plan.id} ${date}`,
              pattern: 'bars',
              bitrateK: 16,
            },
          },
        });
      }
      const absent = new Set(
        rng
          .shuffle(trainees)
          .slice(0, rng.int(0, 2))
          .map((t) => t.id),
      );
      for (const t of trainees) {
        if (absent.has(t.id)) continue;
        const minute = String(rng.int(35, 59)).padStart(2, '0');
        session.signIns.push({
          traineeId: t.id,
          at: instant(date, `08:${minute}`),
          face: !rng.chance(0.03),
          located: true,
        });
      }
    }
    if (mode === 'live') session.videoHeight = rng.chance(0.7) ? 720 : 480;
    return session;
  });
}

export function addRecordedMedia(ctx: Ctx, sessions: ClassSession[]): void {
  // C-2025-HD-B01's replays, clips and course package come from auditClass.ts.
  // Seeded R-PKG-45MIN violation: for one recorded session the organiser filed a 30-second
  // sample instead of the course package, in the class that already exceeds the recorded share.
  const sample = sessions.find((s) => s.classId === 'C-2025-CY-O02' && s.mode === 'recorded');
  if (sample) {
    const id = `course-${sample.id}`;
    sample.videoFileIds.push(id);
    ctx.files.push({
      id,
      path: `media/${sample.id}-course.webm`,
      mediaType: 'video/webm',
      kind: 'course-package',
      external: false,
      durationSeconds: 30,
      content: {
        type: 'media',
        recipe: {
          cacheName: `${sample.id}-course.webm`,
          width: 320,
          height: 180,
          seconds: 30,
          title: `录播课程包 ${sample.title}`,
          subtitle: `${sample.classId} ${sample.date}`,
          pattern: 'bars',
          bitrateK: 24,
        },
      },
    });
  }
  addFiledRecordings(ctx, sessions);
}

/**
 * A declared-only external file: size from duration and bitrate (a few percent either way, as
 * encoders vary), SHA-256 derived from the path. Deterministic and independent of the PRNG, so
 * adding these files leaves every generated record as it was.
 */
function declared(path: string, seconds: number, kbps: number): DeclaredExternal {
  const sha256 = createHash('sha256').update(`qihang-demo declared-only ${path}`).digest('hex');
  const wobble = (parseInt(sha256.slice(0, 4), 16) / 0xffff - 0.5) * 0.06;
  return {
    type: 'declared',
    sha256,
    size: Math.round(((seconds * kbps * 1000) / 8) * (1 + wobble)),
  };
}

/**
 * What an organiser files with every class: the full recording of each offline session (通知
 * 四（三）), the live platform's replay of each broadcast and the course package behind each
 * recorded session (附件5). Hours of video each,
 * they travel on a drive beside the package and are only declared here (see DeclaredExternal).
 */
/** Links a declared-only MP4 to the session and lists it in the package. */
function fileDeclaredVideo(
  ctx: Ctx,
  s: ClassSession,
  file: {
    id: string;
    path: string;
    kind: 'video' | 'course-package';
    seconds: number;
    kbps: number;
  },
): void {
  s.videoFileIds.push(file.id);
  ctx.files.push({
    id: file.id,
    path: file.path,
    mediaType: 'video/mp4',
    kind: file.kind,
    external: true,
    durationSeconds: file.seconds,
    content: declared(file.path, file.seconds, file.kbps),
  });
}

function addFiledRecordings(ctx: Ctx, sessions: ClassSession[]): void {
  for (const s of sessions) {
    const seconds = s.minutes * 60;
    if (s.mode === 'offline') {
      fileDeclaredVideo(ctx, s, {
        id: `full-${s.id}`,
        path: `recordings/${s.classId}/${s.id}-full.mp4`,
        kind: 'video',
        seconds,
        kbps: 2000,
      });
    } else if (s.mode === 'live' && s.videoFileIds.length === 0) {
      // The live platform keeps a replay of every broadcast (通知 四（一）).
      fileDeclaredVideo(ctx, s, {
        id: `replay-${s.id}`,
        path: `recordings/${s.classId}/${s.id}-live.mp4`,
        kind: 'video',
        seconds,
        kbps: s.videoHeight === 720 ? 1500 : 800,
      });
    } else if (s.mode === 'recorded' && s.videoFileIds.length === 0) {
      const id = `course-${s.id}`;
      fileDeclaredVideo(ctx, s, {
        id,
        path: `course-packages/${s.classId}/${s.id}-course.mp4`,
        kind: 'course-package',
        // Packages run a little over the session: opening titles, quizzes between units.
        seconds: seconds + (parseInt(id.slice(-2), 10) % 7) * 60,
        kbps: 1200,
      });
    }
  }
}
