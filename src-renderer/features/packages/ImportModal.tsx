import { Alert, Button, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { t } from '../../app/strings';
import { ErrorNotice, type ShownError } from '../../components/ErrorNotice';
import type { ImportView } from './importFlow';
import { phaseText } from './importPhase';
import { RecordText } from '../../components/RecordText';
import { isolated } from '../../../src-shared/records/visibleText';

const s = t.packageImport;

/** Bytes or rows done and in all, where the step has a count (rows: the share of all stages). */
function countOf(view: ImportView): { done: number; total: number } | null {
  if (view.step === 'running' && view.phase !== 'signature' && view.total > 0) return view;
  if (view.step === 'writing' && view.share !== undefined) return { done: view.share, total: 1 };
  if (view.step === 'writing' && view.total) return { done: view.done ?? 0, total: view.total };
  return null;
}

function Progressing({ view, cancelling, onCancel }: Props & { view: ImportView }) {
  const running = view.step === 'running';
  // Signature checking has no count: show a moving full bar.
  const count = countOf(view);
  const measured = count !== null;
  const value = count ? Math.min(100, (count.done / count.total) * 100) : 100;
  return (
    <Stack gap="sm">
      <Text fw={500} data-testid="import-phase">
        {cancelling ? s.cancelling : phaseText(view)}
      </Text>
      <Progress
        value={value}
        animated={!measured}
        striped={!measured}
        data-testid="import-progress"
        aria-label={phaseText(view)}
      />
      {running && view.current && (
        <Text size="xs" c="dimmed" truncate="start" data-testid="import-current">
          {view.current}
        </Text>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={onCancel}
          // The database write is one transaction: a cancel half way rolls it all back.
          disabled={cancelling}
          data-testid="import-cancel"
          data-autofocus
        >
          {s.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

/** A refused or failed import: what went wrong, what to do, that nothing changed; the code in 详情. */
function ImportError({ title, error, hints }: { title: string; error: ShownError; hints?: Hints }) {
  return (
    <ErrorNotice title={title} error={error} hints={hints} data-testid="import-error">
      <Text size="sm">{s.unchangedChanged}</Text>
    </ErrorNotice>
  );
}

function Summary({ view }: { view: Extract<ImportView, { step: 'finished' }> }) {
  const { outcome, title } = view;
  if (outcome.kind === 'refused') {
    return <ImportError title={s.refusedTitle} error={outcome} />;
  }
  const headline =
    outcome.kind === 'imported'
      ? s.imported(isolated(title), outcome.version)
      : outcome.kind === 'updated'
        ? s.updated(isolated(title), outcome.fromVersion, outcome.version)
        : s.unchanged(isolated(title), outcome.version);
  return (
    <Stack gap="sm" data-testid="import-summary" data-outcome={outcome.kind}>
      <Alert color={outcome.kind === 'unchanged' ? 'gray' : 'green'} title={headline}>
        {outcome.kind === 'updated' && <Text size="sm">{s.updatedKept}</Text>}
        {outcome.kind === 'unchanged' && outcome.mediaRelocated > 0 && (
          <Text size="sm" data-testid="import-media-relocated">
            {s.mediaRelocated(outcome.mediaRelocated)}
          </Text>
        )}
      </Alert>
      <Table withTableBorder>
        <Table.Tbody>
          {(['classes', 'trainees', 'submissions'] as const).map((k) => (
            <Table.Tr key={k}>
              <Table.Th w={160}>{s.counts[k]}</Table.Th>
              <Table.Td data-testid={`import-count-${k}`}>{s.count(outcome.counts[k])}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th w={160}>{s.mediaLabel}</Table.Th>
            <Table.Td data-testid="import-media">{s.media(outcome.media)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {outcome.media.missing > 0 && (
        <Alert color="yellow" data-testid="import-media-missing">
          <Text size="sm">{s.mediaMissing(outcome.media.missing)}</Text>
        </Alert>
      )}
    </Stack>
  );
}

type Hints = Record<string, string>;

interface Props {
  cancelling: boolean;
  onCancel: () => void;
}

export function ImportModal({
  view,
  cancelling,
  onCancel,
  onClose,
  hints,
}: Props & { view: ImportView | null; onClose: () => void; hints?: Hints }) {
  const over = view?.step === 'finished' || view?.step === 'failed' || view?.step === 'cancelled';
  return (
    <Modal
      opened={view !== null}
      onClose={over ? onClose : onCancel}
      title={s.modalTitle}
      closeOnClickOutside={over}
      withCloseButton={over}
      size="lg"
      data-testid="import-modal"
    >
      {view && (
        <Stack gap="md">
          {'fileName' in view && view.fileName && (
            <Text size="sm" c="dimmed" data-testid="import-file">
              <RecordText text={view.fileName} max={80} />
            </Text>
          )}
          {!over && <Progressing view={view} cancelling={cancelling} onCancel={onCancel} />}
          {view.step === 'finished' && <Summary view={view} />}
          {view.step === 'failed' && (
            <ImportError title={s.failedTitle} error={view} hints={hints} />
          )}
          {view.step === 'cancelled' && (
            <Alert color="gray" data-testid="import-cancelled">
              {s.cancelled}
            </Alert>
          )}
          {over && (
            <Group justify="flex-end">
              <Button onClick={onClose} data-testid="import-close" data-autofocus>
                {s.close}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
