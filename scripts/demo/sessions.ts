// Class sessions in minutes (live / recorded / offline), with offline sign-ins and one
// 10-second on-site clip per class hour, plus the few longer recordings.
import type { ClassSession, Trainee } from '../../src-shared/bundle/records';
import { instant, spreadDates } from './calendar';
import { SESSION_MINUTES, SESSION_TITLES, type ClassPlan } from './classes';
import type { Ctx } from './types';

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
  const live = sessions.find((s) => s.classId === 'C-2025-HD-B01' && s.mode === 'live');
  if (live) {
    const id = `video-${live.id}`;
    live.videoFileIds.push(id);
    live.videoHeight = 480;
    ctx.files.push({
      id,
      path: `recordings/${live.id}-live.webm`,
      mediaType: 'video/webm',
      kind: 'video',
      external: true,
      durationSeconds: 60,
      content: {
        type: 'media',
        recipe: {
          cacheName: `${live.id}-live.webm`,
          width: 854,
          height: 480,
          seconds: 60,
          title: `直播回放 ${live.title}`,
          subtitle: `${live.classId} ${live.date} ${live.startTime.replace(':', 'h')}`,
          pattern: 'testsrc2',
          bitrateK: 90,
        },
      },
    });
  }
  const recorded = sessions.find((s) => s.classId === 'C-2025-CY-O01' && s.mode === 'recorded');
  if (recorded) {
    const id = `course-${recorded.id}`;
    recorded.videoFileIds.push(id);
    ctx.files.push({
      id,
      path: `media/${recorded.id}-course.webm`,
      mediaType: 'video/webm',
      kind: 'course-package',
      external: false,
      durationSeconds: 30,
      content: {
        type: 'media',
        recipe: {
          cacheName: `${recorded.id}-course.webm`,
          width: 320,
          height: 180,
          seconds: 30,
          title: `录播课程包 ${recorded.title}`,
          subtitle: `${recorded.classId} ${recorded.date}`,
          pattern: 'bars',
          bitrateK: 24,
        },
      },
    });
  }
}
