// 视频抽查 (区级审核员): attach the media drive, draw each class's live sample, watch it in the
// offline player, record findings with frame grabs, give verdicts and the class conclusion.
// Everything is stored per profile (auditStore) and read by 合规检查 through db/checkInput.
import { Alert, Button, Center, Grid, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { getApi } from '../../app/api';
import { buildReportData } from './reportData';
import { useMemo, useState } from 'react';
import { CATEGORIES, SEVERITY_LABEL, classify } from '../../../src-shared/audit/findings';
import type { Interval } from '../../../src-shared/audit/ledger';
import { watchedBySession } from '../../../src-shared/audit/policyInputs';
import type { SamplingPlanPayload } from '../../../src-shared/audit/sampling';
import { latestVerdicts } from '../../../src-shared/audit/policyInputs';
import type { ClassConclusionPayload, SessionVerdict } from '../../../src-shared/audit/verdicts';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { Outcome } from '../../components/OutcomeNotice';
import { ScreenTitle } from '../../app/ScreenTitle';
import { addFinding, recordWatched, saveSamplePlan, saveVerdict } from './auditStore';
import { FindingList } from './FindingList';
import { MediaPanel } from './MediaPanel';
import { OfflineChecks } from './OfflineChecks';
import { Player } from './Player';
import { SamplePanel, type PlayTarget } from './SamplePanel';
import { useAuditData } from './useAuditData';
import { ruleTextsOn } from '../../../src-shared/policy/pack';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { pickAuditClass } from './pickClass';
import { useMedia } from './useMedia';
import { ClassConclusionCard, SessionVerdictControl } from './VerdictPanel';
import { RecordText } from '../../components/RecordText';

const s = () => t.audit;
const nowIso = () => new Date().toISOString();

export function AuditScreen({ profile }: { profile: Profile }) {
  const db = useDb();
  const data = useAuditData(db);
  const media = useMedia(profile.id, data?.files ?? []);
  const [classId, setClassId] = useState<string | null>(null);
  const [reportMsg, setReportMsg] = useState<Outcome | null>(null);
  const [chosen, setChosen] = useState<(PlayTarget & { classId: string }) | null>(null);

  const opening = useMemo(
    () =>
      data
        ? pickAuditClass({
            classes: data.classes,
            sessions: data.sessions,
            files: data.files,
            sampledClassIds: new Set(data.plans.map((p) => p.payload.classId)),
            verdicts: data.verdicts.map((v) => v.payload),
            playable: (id) => media.byFile.get(id)?.url !== undefined,
          })
        : undefined,
    [data, media.byFile],
  );
  const klass = data?.classes.find((c) => c.id === (classId ?? opening)) ?? data?.classes[0];
  // What plays belongs to one class; choosing another class leaves the player empty.
  const target = chosen && chosen.classId === klass?.id ? chosen : null;
  const sessions = useMemo(
    () => (data && klass ? data.sessions.filter((x) => x.classId === klass.id) : []),
    [data, klass],
  );

  if (data === undefined)
    return (
      <Center h={200}>
        <Loader size="sm" />
        <Text ml="sm">{s().loading}</Text>
      </Center>
    );
  if (data === null || !klass)
    return (
      <Stack data-testid="screen-audit">
        <ScreenTitle screen="audit" />
        <Alert color="gray">{s().noPackage}</Alert>
      </Stack>
    );

  const packageId = data.pkg.packageId;
  const plan = data.plans.find((p) => p.payload.classId === klass.id);
  const ruleTexts = ruleTextsOn(data.packs, klass.startDate);
  const ruleName = (id: RuleId) => ruleTexts(id).title;
  const verdicts = latestVerdicts(data.verdicts.map((v) => v.payload));
  const session = target ? sessions.find((x) => x.id === target.sessionId) : undefined;
  const file = target ? data.files.find((f) => f.id === target.fileId) : undefined;
  const status = target ? media.byFile.get(target.fileId) : undefined;
  const fileFindings = data.findings.filter((f) => f.payload.fileId === target?.fileId);
  const sessionVerdict = verdicts.find(
    (v) => v.subject === 'session' && v.sessionId === target?.sessionId,
  );
  const conclusion = verdicts.find(
    (v): v is ClassConclusionPayload => v.subject === 'class' && v.classId === klass.id,
  );

  const savePlan = async (p: SamplingPlanPayload) => {
    const r = await saveSamplePlan(db, profile.id, { ...p, profileId: profile.id }, nowIso());
    return r.ok ? null : r.message;
  };
  const flush = async (intervals: Interval[], duration: number | undefined) => {
    if (!file) return;
    await recordWatched(db, file.id, file.sha256, intervals, duration, nowIso());
  };
  const base = { packageId, classId: klass.id, profileId: profile.id };

  return (
    <Stack gap="sm" data-testid="screen-audit">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <ScreenTitle screen="audit" />
          <Text size="xs" c="dimmed">
            <RecordText text={data.pkg.title} max={60} />
            {t.shell.packageVersion(data.pkg.version)}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          {reportMsg?.ok && (
            <Text size="xs" c="teal" data-testid="report-message">
              {reportMsg.text}
            </Text>
          )}
          <Button
            size="xs"
            variant="default"
            data-testid="audit-report"
            onClick={() => {
              const api = getApi();
              if (!api) return setReportMsg({ ok: false, error: s().noApi });
              void buildReportData(db, data, klass.id, profile.name).then(async (d) => {
                const r = await api.audit.saveReportDocx({ ...d, profileId: profile.id });
                if (!r.ok) setReportMsg({ ok: false, error: r.error });
                else if (r.value.path)
                  setReportMsg({ ok: true, text: s().reportSaved(r.value.path) });
              });
            }}
          >
            {s().report}
          </Button>
          <Select
            size="xs"
            w={360}
            label={s().klass}
            value={klass.id}
            onChange={(v) => v && setClassId(v)}
            data={data.classes.map((c) => ({ value: c.id, label: c.name }))}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="xs">{option.label}</Text>
                <Text size="10px" c="dimmed">
                  {option.value}
                </Text>
              </Stack>
            )}
            allowDeselect={false}
            data-testid="audit-class"
          />
        </Group>
      </Group>
      {reportMsg && !reportMsg.ok && (
        <ErrorNotice error={reportMsg.error} onClose={() => setReportMsg(null)} compact />
      )}
      <Grid gap="sm">
        <Grid.Col span={5}>
          <Stack gap="sm">
            <MediaPanel media={media} />
            <SamplePanel
              packageId={packageId}
              classId={klass.id}
              sessions={sessions}
              plan={plan}
              ledgers={data.ledgers}
              media={media}
              current={target}
              onPlay={(x) => setChosen({ ...x, classId: klass.id })}
              onSave={savePlan}
            />
            <OfflineChecks
              sessions={sessions}
              roster={klass.traineeIds}
              names={new Map(data.trainees.map((x) => [x.id, x.name]))}
              files={new Map(data.files.map((f) => [f.id, f]))}
              verdicts={verdicts}
              ledgers={data.ledgers}
              media={media}
              onPlay={(x) => setChosen({ ...x, classId: klass.id })}
              onClip={async (sessionId, fileId, genuine) => {
                await saveVerdict(
                  db,
                  profile.id,
                  { subject: 'clip', ...base, sessionId, fileId, genuine, note: '' },
                  nowIso(),
                );
              }}
              onPackage={async (fileId, c) => {
                const { avOk, contentOk, ...rest } = c;
                await saveVerdict(
                  db,
                  profile.id,
                  {
                    subject: 'course-package',
                    ...base,
                    fileId,
                    ...rest,
                    avIssues: avOk ? [] : ['音画问题（核查未通过）'],
                    contentIssues: contentOk ? [] : ['内容问题（核查未通过）'],
                  },
                  nowIso(),
                );
              }}
            />
            <ClassConclusionCard
              key={`${klass.id}:${conclusion ? 'c' : 'n'}`}
              current={conclusion}
              hasLive={sessions.some((x) => x.mode === 'live')}
              hasRecorded={sessions.some((x) => x.mode === 'recorded')}
              onSave={async (c) => {
                const sessionsById = new Map(data.sessions.map((x) => [x.id, x]));
                const ledgers = new Map(
                  [...data.ledgers.values()].map((l) => [
                    l.fileId,
                    {
                      fileId: l.fileId,
                      intervals: l.intervals,
                      durationSeconds: l.durationSeconds,
                    },
                  ]),
                );
                const watched = plan
                  ? Object.fromEntries(watchedBySession(plan.payload, sessionsById, ledgers))
                  : {};
                await saveVerdict(
                  db,
                  profile.id,
                  {
                    subject: 'class',
                    ...base,
                    conclusion: c.conclusion,
                    note: c.note,
                    watchedMinutes: watched,
                    ...(sessions.some((x) => x.mode === 'live')
                      ? { liveScreening: { screened: c.screened, openAlerts: 0 } }
                      : {}),
                    ...(sessions.some((x) => x.mode === 'recorded')
                      ? {
                          recordedChecks: {
                            spotChecks: c.recorded ? 1 : 0,
                            transmitted: c.recorded,
                          },
                        }
                      : {}),
                    videoRetention: c.retention,
                  },
                  nowIso(),
                );
              }}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={7}>
          {session && file && status?.url ? (
            <Stack gap="sm">
              <Group justify="space-between">
                <Text size="sm" fw={600}>
                  {session.date} {session.startTime} <RecordText text={session.title} max={60} /> ·{' '}
                  <RecordText text={file.path} max={60} />
                </Text>
                <SessionVerdictControl
                  value={sessionVerdict?.subject === 'session' ? sessionVerdict.verdict : undefined}
                  onChange={(v: SessionVerdict) =>
                    void saveVerdict(
                      db,
                      profile.id,
                      { subject: 'session', ...base, sessionId: session.id, verdict: v, note: '' },
                      nowIso(),
                    )
                  }
                />
              </Group>
              <Player
                key={file.id}
                ruleName={ruleName}
                media={status}
                session={session}
                storedWatched={data.ledgers.get(file.id)?.intervals ?? []}
                findings={fileFindings.map((f) => ({
                  id: f.id,
                  start: f.payload.start,
                  ...(f.payload.end !== undefined ? { end: f.payload.end } : {}),
                  label: `${CATEGORIES[f.payload.category].label} · ${SEVERITY_LABEL[f.payload.severity]}`,
                }))}
                onFlush={flush}
                onFinding={async (d, grab) => {
                  const { ruleId, exitGround } = classify(d.category, d.severity);
                  await addFinding(
                    db,
                    profile.id,
                    {
                      ...base,
                      organizerId: klass.organizerId,
                      sessionId: session.id,
                      fileId: file.id,
                      videoSha256: file.sha256,
                      category: d.category,
                      ruleId,
                      ...(exitGround !== undefined ? { exitGround } : {}),
                      severity: d.severity,
                      note: d.note,
                      start: d.start,
                      ...(d.end !== undefined ? { end: d.end } : {}),
                      wallClock: d.wallClock,
                      ...(grab
                        ? {
                            frameGrab: {
                              id: `fg-${crypto.randomUUID()}`,
                              sha256: grab.sha256,
                              size: grab.png.size,
                              mediaType: 'image/png' as const,
                              width: grab.width,
                              height: grab.height,
                              mediaTime: grab.mediaTime,
                            },
                          }
                        : {}),
                    },
                    nowIso(),
                    grab ? { png: grab.png } : undefined,
                  );
                }}
              />
              <FindingList findings={fileFindings} ruleName={ruleName} />
            </Stack>
          ) : (
            <Alert color="gray">{s().player.choose}</Alert>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
