import {
  Alert,
  Button,
  Grid,
  Group,
  Kbd,
  List,
  Loader,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import type { PageAnchor } from '../../../src-shared/review/anchor';
import type { PanelSummary } from '../../../src-shared/panel/summary';
import { summarizePanel } from '../../../src-shared/panel/summary';
import type { Profile } from '../../../src-shared/profiles/roles';
import { shanghaiDate } from '../../../src-shared/time';
import { getApi } from '../../app/api';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice, TechnicalDetails } from '../../components/ErrorNotice';
import type { PanelRow } from '../../db/types';
import type { FilePageRequest } from '../../components/reader/SubmissionReader';
import { AnchorReaderModal, useSubmissionFiles } from './AnchorReader';
import { PANEL_PANE_HEIGHT as PANE_HEIGHT } from './layout';
import { DecisionForm } from './DecisionForm';
import {
  exportDocFlow,
  forwardedBundlesOf,
  importBundleFlow,
  importForwardedFlow,
  type FlowReport,
} from './panelFlows';
import type { ImportSummary } from './panelStore';
import { PanelStats } from './PanelStats';
import { loadPanelInput } from './panelStore';
import { RefusalList } from './RefusalList';
import { SubmissionDetail } from './SubmissionDetail';
import { SubmissionList } from './SubmissionList';
import { ScreenTitle } from '../../app/ScreenTitle';
import { RecordText } from '../../components/RecordText';

const s = t.panel;

function Report({ report, onClose }: { report: FlowReport | null; onClose: () => void }) {
  if (!report || report.kind === 'cancelled') return null;
  if (report.kind === 'error')
    return <ErrorNotice error={report} onClose={onClose} data-testid="panel-report" />;
  if (report.kind === 'saved')
    return (
      <Alert color="green" withCloseButton onClose={onClose} data-testid="panel-report">
        {s.saved(report.path)}
      </Alert>
    );
  const { summaries, otherRecords, failed } = report;
  const bad = failed.length > 0 || summaries.some((r) => r.conflicts.length + r.refused.length > 0);
  return (
    <Alert
      color={bad ? 'orange' : 'green'}
      withCloseButton
      onClose={onClose}
      data-testid="panel-report"
    >
      {summaries.map((r) => (
        <SummaryLines key={r.fileName} r={r} />
      ))}
      {failed.map((f) => (
        <div key={f.fileName} data-testid="panel-report-failed">
          <Text size="sm">{s.forwardedRefused(f.message)}</Text>
          {f.detail && <TechnicalDetails text={f.detail} />}
        </div>
      ))}
      {otherRecords > 0 && <Text size="sm">{s.noOther(otherRecords)}</Text>}
    </Alert>
  );
}

function SummaryLines({ r }: { r: ImportSummary }) {
  return (
    <>
      <Text size="sm">{s.imported(r.fileName, r.added, r.duplicates)}</Text>
      {r.conflicts.length > 0 && (
        <>
          <Text size="sm" fw={600} data-testid="panel-report-conflicts">
            {s.importConflicts(r.conflicts.length)}
          </Text>
          <List size="sm">
            {r.conflicts.map((c) => (
              <List.Item key={c.id}>{c.message}</List.Item>
            ))}
          </List>
        </>
      )}
      {r.refused.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {s.importRefused(r.refused.length)}
          </Text>
          <List size="sm">
            {r.refused.map((c) => (
              <List.Item key={c.id}>
                {c.id}：{c.message}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </>
  );
}

export function PanelWorkspace({
  profile,
  panel,
  chairExpertId,
  headerExtra,
}: {
  profile: Profile;
  panel: PanelRow;
  chairExpertId: string;
  headerExtra?: ReactNode;
}) {
  const db = useDb();
  const summary = useLiveQuery(
    async () => summarizePanel(await loadPanelInput(db, panel)),
    [db, panel],
  );
  const experts = useLiveQuery(() => db.experts.toArray(), [db]);
  const refusals = useLiveQuery(() => db.panelRefusals.count(), [db]);
  const forwarded = useLiveQuery(() => forwardedBundlesOf(db, panel), [db, panel]);
  const [selected, setSelected] = useState<string | null>(null);
  const [report, setReport] = useState<FlowReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<string | null>('submissions');
  const [place, setPlace] = useState('');

  const subs = summary?.submissions ?? [];
  const index = Math.max(
    0,
    subs.findIndex((x) => x.submission.id === selected),
  );
  const current = subs[index] ?? null;
  const files = useSubmissionFiles(current?.submission.id ?? null);
  // An expert's page anchor opened by the chair: which file, which page.
  const [reading, setReading] = useState<FilePageRequest | null>(null);
  const openAnchor = (a: PageAnchor) => {
    const file = files.find((f) => f.sha256 === a.fileSha256);
    if (file)
      setReading((old) => ({ fileId: file.id, page: a.page, nonce: (old?.nonce ?? 0) + 1 }));
  };
  const move = (d: number) => {
    // The reader window is over the list: its arrow keys are not the list's.
    if (reading) return;
    const next = subs[Math.min(subs.length - 1, Math.max(0, index + d))];
    if (next) setSelected(next.submission.id);
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['ArrowDown', () => move(1)],
    ['ArrowUp', () => move(-1)],
  ]);

  const run = async (flow: () => Promise<FlowReport>) => {
    setBusy(true);
    setReport(await flow());
    setBusy(false);
  };
  const api = getApi();
  const chairName = experts?.find((e) => e.id === chairExpertId)?.name ?? chairExpertId;
  const exportDoc = (format: 'docx' | 'xlsx', sum: PanelSummary) =>
    api &&
    void run(() =>
      exportDocFlow(
        api,
        sum,
        format,
        {
          chairName,
          place: place.trim(),
          date: shanghaiDate(new Date()),
          organizations: new Map((experts ?? []).map((e) => [e.id, e.organization ?? ''])),
        },
        profile.id,
      ),
    );

  if (!summary) return <Loader size="sm" />;
  const decided = subs.filter((x) => x.decision).length;
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <ScreenTitle screen="panel" />
          <Text data-testid="panel-name">
            <RecordText text={panel.name} max={40} />
            {s.chairOf}
            <RecordText text={chairName} max={24} />
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {headerExtra}
          <TextInput
            size="xs"
            w={180}
            placeholder={s.place}
            aria-label={s.place}
            data-testid="panel-place"
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
          />
          <Button
            size="xs"
            data-testid="panel-import"
            loading={busy}
            disabled={!api}
            onClick={() => api && void run(() => importBundleFlow(api, db, panel, profile.id))}
          >
            {s.actions.importBundle}
          </Button>
          <Button
            size="xs"
            variant="default"
            data-testid="panel-export-docx"
            disabled={!api || busy}
            onClick={() => exportDoc('docx', summary)}
          >
            {s.actions.exportDocx}
          </Button>
          <Button
            size="xs"
            variant="default"
            data-testid="panel-export-xlsx"
            disabled={!api || busy}
            onClick={() => exportDoc('xlsx', summary)}
          >
            {s.actions.exportXlsx}
          </Button>
        </Group>
      </Group>
      {(forwarded?.length ?? 0) > 0 && (
        <Group gap="xs" wrap="nowrap" data-testid="panel-forwarded">
          <Text size="sm">{s.forwardedWaiting(forwarded?.length ?? 0)}</Text>
          <Button
            size="compact-xs"
            variant="light"
            data-testid="panel-import-forwarded"
            loading={busy}
            disabled={!api}
            onClick={() => api && void run(() => importForwardedFlow(api, db, panel, profile.id))}
          >
            {s.actions.importForwarded}
          </Button>
        </Group>
      )}
      <Report report={report} onClose={() => setReport(null)} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="submissions" data-testid="panel-tab-submissions">
            {s.tabs.submissions}
          </Tabs.Tab>
          <Tabs.Tab value="stats" data-testid="panel-tab-stats">
            {s.tabs.stats}
          </Tabs.Tab>
          <Tabs.Tab value="refusals" data-testid="panel-tab-refusals">
            {s.tabs.refusals}
            {refusals ? `（${refusals}）` : ''}
          </Tabs.Tab>
          <Group ml="auto" gap="xs" wrap="nowrap">
            <Text size="sm" data-testid="panel-count">
              {s.list.count(decided, subs.length)}
            </Text>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">J</Kbd>/<Kbd size="xs">K</Kbd> · <Kbd size="xs">Ctrl+Enter</Kbd>
            </Text>
          </Group>
        </Tabs.List>
        <Tabs.Panel value="submissions" pt="xs">
          <Grid gap="md">
            <Grid.Col span={3}>
              <SubmissionList
                items={subs}
                selectedId={current?.submission.id ?? null}
                onSelect={setSelected}
                threshold={summary.threshold}
              />
            </Grid.Col>
            <Grid.Col span={9} style={{ height: PANE_HEIGHT, overflowY: 'auto' }}>
              {current && (
                <>
                  <SubmissionDetail
                    item={current}
                    threshold={summary.threshold}
                    fileName={(sha) =>
                      files
                        .find((f) => f.sha256 === sha)
                        ?.path.split('/')
                        .at(-1)
                    }
                    onOpenAnchor={openAnchor}
                  />
                  <AnchorReaderModal
                    title={current.submission.title}
                    files={files}
                    request={reading}
                    onClose={() => setReading(null)}
                  />
                  <DecisionForm
                    key={current.submission.id}
                    item={current}
                    profileId={profile.id}
                    chairExpertId={chairExpertId}
                    panelId={panel.id}
                  />
                </>
              )}
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="stats" pt="xs">
          <PanelStats summary={summary} />
        </Tabs.Panel>
        <Tabs.Panel value="refusals" pt="xs">
          <RefusalList />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
