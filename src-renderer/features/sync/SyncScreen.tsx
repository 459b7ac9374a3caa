// 同步: counts by syncState, the pending bundle, export / upload / receipt import, the platform
// URL, the history, and the profile's key and enrollment. Every role sees it: everyone's work
// leaves the station in a bundle signed by their own key.
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState, type CSSProperties, type FormEvent } from 'react';
import type { KeyStatus } from '../../../src-shared/ipc/keys';
import type { SyncStatus, UploadProgress } from '../../../src-shared/ipc/sync';
import type { Profile } from '../../../src-shared/profiles/roles';
import { formatDateTime } from '../../../src-shared/time';
import { getApi } from '../../app/api';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describeFailure, progressLine } from './failures';
import { KeysPanel } from './KeysPanel';
import { usePassphrasePrompt } from './PassphraseModal';
import { syncCounts } from './syncStore';
import { exportBundle, importReceipt, uploadBundle, type SyncMessage } from './syncFlow';
import { ScreenTitle } from '../../app/ScreenTitle';

const s = t.sync;
export const PLATFORM_URL_KEY = 'platformUrl';

type Message = SyncMessage | null;

function CountCard({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={600} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function PlatformUrl({ notify }: { notify: (m: Message) => void }) {
  const db = useDb();
  const saved = useLiveQuery(() => db.settings.get(PLATFORM_URL_KEY), [db]);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = value ?? (typeof saved?.value === 'string' ? saved.value : '');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await getApi()?.sync.checkUrl({ url: shown });
    if (!r) return;
    if (!r.ok) return setError(describeFailure(r.error));
    setError(null);
    await db.settings.put({ key: PLATFORM_URL_KEY, value: r.value.url });
    setValue(null);
    notify({ kind: 'ok', text: s.urlSaved });
  };

  return (
    <form onSubmit={(e) => void save(e)}>
      <Group align="flex-start" wrap="nowrap">
        <TextInput
          label={s.platformUrl}
          description={s.platformUrlHint}
          value={shown}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={error}
          w={520}
          data-testid="platform-url"
        />
        <Button type="submit" variant="default" mt={44}>
          {s.saveUrl}
        </Button>
      </Group>
    </form>
  );
}

function History({ status }: { status: SyncStatus | null }) {
  const c = s.historyCols;
  const rows = [...(status?.acknowledged ?? [])].reverse();
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {s.historyEmpty}
      </Text>
    );
  return (
    <Table withTableBorder fz="sm" data-testid="sync-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60}>{c.counter}</Table.Th>
          <Table.Th>{c.bundle}</Table.Th>
          <Table.Th w={100}>{c.records}</Table.Th>
          <Table.Th w={170}>{c.created}</Table.Th>
          <Table.Th>{c.receipt}</Table.Th>
          <Table.Th w={170}>{c.acknowledged}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((a) => (
          <Table.Tr key={a.bundleId}>
            <Table.Td>{a.counter}</Table.Td>
            <Table.Td>
              <Code>{a.bundleId.slice(0, 14)}…</Code>
            </Table.Td>
            <Table.Td>
              {a.acceptedRecordIds.length} / {a.recordIds.length}
            </Table.Td>
            <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
            <Table.Td>
              <Code>{a.receiptId.slice(0, 14)}…</Code>
            </Table.Td>
            <Table.Td>{formatDateTime(a.acknowledgedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The running upload's line; counts down to the next try once a second while it waits. */
function UploadProgressLine({ progress }: { progress: UploadProgress }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!progress.nextRetryAt) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [progress.nextRetryAt]);
  return (
    <Text size="sm" data-testid="upload-progress" role="status">
      {progressLine(progress, now)}
    </Text>
  );
}

function loadStatus(api: ReturnType<typeof getApi>, profileId: string) {
  return Promise.all([api?.keys.status({ profileId }), api?.sync.status({ profileId })]);
}

// Opaque behind the alert's light tint, so the content it floats over does not show through.
const MESSAGE_PLACE: CSSProperties = {
  position: 'fixed',
  right: 16,
  bottom: 16,
  width: 'min(460px, calc(100vw - 32px))',
  zIndex: 150,
  background: 'var(--mantine-color-body)',
  borderRadius: 'var(--mantine-radius-md)',
  boxShadow: 'var(--mantine-shadow-lg)',
};

export function SyncScreen({ profile }: { profile: Profile }) {
  const db = useDb();
  const api = getApi();
  const { ask, modal } = usePassphrasePrompt();
  const [message, setMessage] = useState<Message>(null);
  const { ref: messageRef, height: messageHeight } = useElementSize();
  const [keyStatus, setKeyStatus] = useState<KeyStatus | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState<null | 'export' | 'upload' | 'receipt'>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const counts = useLiveQuery(() => syncCounts(db, profile.id), [db, profile.id]);
  const platformUrl = useLiveQuery(() => db.settings.get(PLATFORM_URL_KEY), [db]);

  const apply = useCallback(([k, o]: Awaited<ReturnType<typeof loadStatus>>) => {
    if (k?.ok) setKeyStatus(k.value);
    if (o?.ok) setStatus(o.value);
    else if (o) setMessage({ kind: 'error', text: o.error });
  }, []);
  const refresh = useCallback(
    () => loadStatus(api, profile.id).then(apply),
    [api, profile.id, apply],
  );

  useEffect(() => {
    let live = true;
    void loadStatus(api, profile.id).then((r) => live && apply(r));
    return () => {
      live = false;
    };
  }, [api, profile.id, apply]);

  const key = { hasKey: Boolean(keyStatus?.key), enrolled: Boolean(keyStatus?.enrollment) };
  const deps = api
    ? {
        api: api.sync,
        db,
        profileId: profile.id,
        profileName: profile.name,
        askPassphrase: ask,
        // The signed bundle shows as pending while it is saved or uploaded.
        onPrepared: (m: SyncMessage) => {
          setMessage(m);
          void refresh();
        },
      }
    : null;
  const [cancelUpload, setCancelUpload] = useState<(() => void) | null>(null);

  /** Runs one flow with its button busy, shows its message, then re-reads main's outbox. */
  const run = async (which: 'export' | 'upload' | 'receipt', flow: () => Promise<SyncMessage>) => {
    setBusy(which);
    try {
      setMessage(await flow());
    } finally {
      setProgress(null);
      setCancelUpload(null);
      setBusy(null);
      await refresh();
    }
  };

  const exportNow = () => deps && run('export', () => exportBundle(deps, key));
  const uploadNow = () => {
    const url = typeof platformUrl?.value === 'string' ? platformUrl.value : '';
    const follow = {
      url,
      jobs: api!.jobs,
      onProgress: setProgress,
      onStarted: (cancel: () => void) => setCancelUpload(() => cancel),
    };
    return deps && run('upload', () => uploadBundle({ ...deps, ...follow }, key));
  };
  const receiptNow = () => deps && run('receipt', () => importReceipt(deps));

  const pending = status?.pending ?? null;
  // Known only once the key status has loaded; nothing pending can exist without a key.
  const noKey = keyStatus !== null && !keyStatus.key && !pending;
  const keysPanel = (
    <KeysPanel
      profile={profile}
      status={keyStatus}
      refresh={refresh}
      ask={ask}
      notify={(kind, text) =>
        setMessage(
          kind === 'ok'
            ? { kind, text: typeof text === 'string' ? text : text.message }
            : { kind, text },
        )
      }
    />
  );
  return (
    <Stack data-testid="screen-sync" gap="md">
      {modal}
      <ScreenTitle screen="sync" />
      <Text size="sm" c="dimmed">
        {s.intro}
      </Text>
      {/* The outcome of an action floats in the window's corner: always in view, and it never
          pushes the key panel and the actions down under the person's pointer. */}
      {message && (
        <div ref={messageRef} style={MESSAGE_PLACE} data-testid="sync-message-place">
          {message.kind === 'ok' ? (
            <Alert
              color="green"
              role="status"
              data-testid="sync-message"
              style={{ whiteSpace: 'pre-line' }}
              withCloseButton
              onClose={() => setMessage(null)}
            >
              {message.text}
            </Alert>
          ) : (
            <ErrorNotice
              error={message.text}
              hints={s.codes}
              data-testid="sync-message"
              onClose={() => setMessage(null)}
            />
          )}
        </div>
      )}
      {/* One place for the key panel before and after enrollment: it changes in place. */}
      {keysPanel}
      <SimpleGrid cols={3} maw={720}>
        <CountCard label={s.counts.pending} value={counts?.pending ?? 0} testId="count-pending" />
        <CountCard label={s.counts.sent} value={counts?.sent ?? 0} testId="count-sent" />
        <CountCard
          label={s.counts.acknowledged}
          value={counts?.acknowledged ?? 0}
          testId="count-acknowledged"
        />
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {s.pendingTitle}
          </Title>
          <Text size="sm" data-testid="pending-bundle">
            {pending
              ? s.pendingLine(
                  pending.counter,
                  pending.recordIds.length,
                  formatDateTime(pending.createdAt),
                )
              : s.pendingNone}
          </Text>
          {status && !pending && (
            <Text size="xs" c="dimmed">
              {s.nextCounter(status.nextCounter)}
            </Text>
          )}
          {/* Signing needs a key: say so before the click, not after it. */}
          {noKey && (
            <Text size="sm" fw={500} id="sync-no-key" data-testid="sync-no-key">
              {s.noKeyYet}
            </Text>
          )}
          <Group>
            <Button
              onClick={() => void exportNow()}
              loading={busy === 'export'}
              disabled={busy !== null || noKey}
              aria-describedby={noKey ? 'sync-no-key' : undefined}
            >
              {s.exportBundle}
            </Button>
            <Button
              onClick={() => void uploadNow()}
              loading={busy === 'upload'}
              disabled={busy !== null || noKey}
              aria-describedby={noKey ? 'sync-no-key' : undefined}
            >
              {s.uploadBundle}
            </Button>
            <Button
              variant="default"
              onClick={() => void receiptNow()}
              loading={busy === 'receipt'}
              disabled={busy !== null}
            >
              {s.importReceipt}
            </Button>
          </Group>
          {progress?.active && (
            <Group gap="sm">
              <UploadProgressLine progress={progress} />
              {cancelUpload && (
                <Button size="compact-sm" variant="default" onClick={cancelUpload}>
                  {s.cancelUpload}
                </Button>
              )}
            </Group>
          )}
          <PlatformUrl notify={setMessage} />
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {s.history}
          </Title>
          <History status={status} />
        </Stack>
      </Card>
      {/* Room under the last card as tall as the floating message, so whatever it covers can be
          scrolled up above it while it stays open. */}
      {message && (
        <div
          aria-hidden
          data-testid="sync-message-room"
          style={{ height: messageHeight + 32, flexShrink: 0 }}
        />
      )}
    </Stack>
  );
}
