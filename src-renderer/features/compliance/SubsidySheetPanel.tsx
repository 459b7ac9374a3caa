// The quarter's fund request: who can be claimed, who cannot and why, the deadline
// (R-FUND-DEADLINE), and the XLSX export main writes.
import {
  Alert,
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { exportRequestFromSheet, type ExportSheetResult } from '../../../src-shared/ipc/policy';
import type { PackageEvaluation } from '../../../src-shared/policy/engine';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import { buildQuarterSheet, type SheetRow } from '../../../src-shared/policy/quarterSheet';
import { formatYuan } from '../../../src-shared/money';
import { getApi } from '../../app/api';
import { t } from '../../app/strings';
import { ErrorNotice, type ShownError } from '../../components/ErrorNotice';
import { RuleBadge, STATUS_COLOR } from './marks';
import {
  defaultQuarter,
  districtsOf,
  isCalendarDay,
  quarterSpan,
  sheetQuarters,
} from './viewModel';
import { RecordText } from '../../components/RecordText';
import { isolated } from '../../../src-shared/records/visibleText';
import { idsSharingAName } from '../../../src-shared/records/sameNames';

const s = () => t.compliance.sheet;
const PAGE = 12;

/** Rows whose class or trainee would read the same as another's without its id. */
function sameNames(rows: SheetRow[]): { classes: Set<string>; trainees: Set<string> } {
  const byClass = [...new Map(rows.map((r) => [r.classId, r])).values()];
  const byTrainee = [...new Map(rows.map((r) => [`${r.classId}|${r.traineeId}`, r])).values()];
  return {
    classes: idsSharingAName(
      byClass,
      (r) => r.className,
      (r) => r.classId,
    ),
    // Within a class: the class column already tells two classes' 王芳 apart.
    trainees: idsSharingAName(
      byTrainee,
      (r) => `${r.classId}|${r.traineeName}`,
      (r) => `${r.classId}|${r.traineeId}`,
    ),
  };
}
const ALL = '全部';

function RowsTable({
  rows,
  withReasons,
  testId,
  empty,
}: {
  rows: SheetRow[];
  withReasons: boolean;
  testId: string;
  empty: string;
}) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages);
  const shared = useMemo(() => sameNames(rows), [rows]);
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
        {empty}
      </Text>
    );
  const from = (current - 1) * PAGE;
  return (
    <Stack gap={4}>
      <Table striped fz="xs" verticalSpacing={4} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{s().col.organizer}</Table.Th>
            <Table.Th>{s().col.cls}</Table.Th>
            <Table.Th>{s().col.trainee}</Table.Th>
            <Table.Th>{s().col.kind}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              {s().col.amount}
            </Table.Th>
            {withReasons && <Table.Th>{s().col.reasons}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(from, from + PAGE).map((r) => (
            <Table.Tr key={`${r.classId}|${r.traineeId}|${r.kind}`} data-testid={`${testId}-row`}>
              <Table.Td>
                <RecordText text={r.organizerName} max={40} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  <RecordText text={r.className} max={40} />
                </Text>
                {shared.classes.has(r.classId) && (
                  <Text size="10px" c="dimmed" data-testid="same-name-id">
                    {r.classId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RecordText text={r.traineeName} max={24} />
                {shared.trainees.has(`${r.classId}|${r.traineeId}`) && (
                  <Text size="10px" c="dimmed" data-testid="same-name-id">
                    {r.traineeId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s().kind[r.kind]}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatYuan(r.amountYuan)}
              </Table.Td>
              {withReasons && (
                <Table.Td maw={520}>
                  {r.reasons.map((reason, i) => (
                    <Text size="xs" lh={1.35} key={i} lineClamp={2} title={reason}>
                      {reason}
                    </Text>
                  ))}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t.compliance.page(from + 1, Math.min(from + PAGE, rows.length), rows.length)}
          </Text>
          <Pagination size="sm" total={pages} value={current} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; result: ExportSheetResult }
  | { kind: 'failed'; error: ShownError | string };

export function SubsidySheetPanel({
  profileId,
  evaluation,
  asOf,
  profileDistrict,
  packs,
  shippedPacks,
}: {
  /** Main marks a demo profile's sheet 演示 from its own record of this id. */
  profileId: string;
  evaluation: PackageEvaluation;
  asOf: string;
  profileDistrict: string;
  /** Built-in plus shipped packs, as the evaluation used: the deadline must follow the same. */
  packs: readonly PolicyPack[];
  /** Only the package's own packs, which main needs to derive the same deadline. */
  shippedPacks: readonly PolicyPack[];
}) {
  const quarters = useMemo(() => sheetQuarters(evaluation), [evaluation]);
  const districts = useMemo(() => districtsOf(evaluation), [evaluation]);
  const [quarter, setQuarter] = useState(() => defaultQuarter(quarters, asOf));
  const [district, setDistrict] = useState(() =>
    districts.includes(profileDistrict) ? profileDistrict : ALL,
  );
  const [requestDate, setRequestDate] = useState('');
  const [exported, setExported] = useState<ExportState>({ kind: 'idle' });
  const validRequestDate = isCalendarDay(requestDate) ? requestDate : undefined;

  const built = useMemo(
    () =>
      buildQuarterSheet(evaluation, {
        quarter,
        district: district === ALL ? undefined : district,
        requestDate: validRequestDate,
        packs,
      }),
    [evaluation, quarter, district, validRequestDate, packs],
  );

  if (!built.ok) return <ErrorNotice title={t.errors.generic} error={built.error} />;
  const sheet = built.sheet;
  const span = quarterSpan(quarter);
  const deadline = sheet.deadlineFinding;

  const doExport = async () => {
    const api = getApi();
    if (!api) {
      setExported({ kind: 'failed', error: s().noApi });
      return;
    }
    setExported({ kind: 'busy' });
    const r = await api.policy.exportSubsidySheet(
      exportRequestFromSheet(profileId, sheet, validRequestDate, shippedPacks),
    );
    setExported(r.ok ? { kind: 'done', result: r.value } : { kind: 'failed', error: r.error });
  };

  return (
    <Stack gap="sm" data-testid="subsidy-sheet">
      <Group align="flex-end" gap="sm">
        <Select
          label={s().quarter}
          data={quarters.length ? quarters : [quarter]}
          value={quarter}
          onChange={(v) => v && (setQuarter(v), setExported({ kind: 'idle' }))}
          allowDeselect={false}
          w={120}
          size="xs"
          data-testid="sheet-quarter"
        />
        <Select
          label={s().district}
          data={[ALL, ...districts]}
          value={district}
          onChange={(v) => v && (setDistrict(v), setExported({ kind: 'idle' }))}
          allowDeselect={false}
          w={120}
          size="xs"
          data-testid="sheet-district"
        />
        <TextInput
          label={s().requestDate}
          placeholder={t.compliance.datePlaceholder}
          value={requestDate}
          error={requestDate && !validRequestDate ? t.compliance.dateFormat : undefined}
          onChange={(e) => setRequestDate(e.currentTarget.value.trim())}
          size="xs"
          w={170}
          data-testid="sheet-request-date"
        />
        <Button
          size="xs"
          onClick={() => void doExport()}
          loading={exported.kind === 'busy'}
          data-testid="export-sheet"
        >
          {s().export}
        </Button>
      </Group>
      <Group gap="xs" data-testid="sheet-summary">
        <Text size="sm" fw={600}>
          {sheet.quarterZh}
          {span ? `（${span.from} 至 ${span.to}）` : ''} · {sheet.district}
        </Text>
        <Badge color="teal" variant="light" data-testid="sheet-claimable-count">
          {s().claimable(sheet.totals.claimableRows)}
        </Badge>
        <Badge color="red" variant="light" data-testid="sheet-unclaimable-count">
          {s().unclaimable(sheet.totals.unclaimableRows)}
        </Badge>
        <Badge color="indigo" variant="filled">
          {s().totalYuan(formatYuan(sheet.totals.claimableYuan))}
        </Badge>
      </Group>
      <Alert
        color={STATUS_COLOR[deadline.status]}
        variant="light"
        p="xs"
        data-testid="sheet-deadline"
      >
        <Group gap="xs">
          <RuleBadge finding={deadline} />
          <Text size="sm" fw={600}>
            {s().deadline(sheet.deadline)}
          </Text>
          <Text size="xs" c="dimmed">
            {deadline.message}（{deadline.facts}）
          </Text>
        </Group>
      </Alert>
      {exported.kind === 'done' && exported.result.status === 'saved' && (
        <Alert color="teal" variant="light" p="xs" data-testid="export-result">
          {s().saved(
            exported.result.path,
            exported.result.claimableRows,
            exported.result.unclaimableRows,
          )}
          {exported.result.flaggedRows.length > 0 && (
            <Text size="xs" c="orange.9" mt={4} data-testid="export-flagged">
              {s().flagged(
                exported.result.flaggedRows.map((r) => ({
                  ...r,
                  traineeName: isolated(r.traineeName),
                })),
              )}
            </Text>
          )}
        </Alert>
      )}
      {exported.kind === 'done' && exported.result.status === 'cancelled' && (
        <Text size="xs" c="dimmed" data-testid="export-cancelled">
          {s().cancelled}
        </Text>
      )}
      {exported.kind === 'failed' && (
        <ErrorNotice
          title={s().exportFailed}
          error={exported.error}
          compact
          data-testid="export-error"
        />
      )}
      {sheet.notApplicable.length > 0 && (
        <Alert
          color="gray"
          variant="light"
          p="xs"
          title={s().notApplicableTitle}
          data-testid="sheet-not-applicable"
        >
          <Stack gap={2}>
            {sheet.notApplicable.map((c) => (
              <Text key={c.classId} size="xs" data-class-id={c.classId}>
                {s().notApplicableLine(isolated(c.className), c.neededPack)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {sheet.claimable.length + sheet.unclaimable.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="sheet-empty">
          {/* A 不适用 class did end here: it is listed above, so "no class ended" would be wrong. */}
          {sheet.notApplicable.length ? s().noClaimable : s().noRows}
        </Text>
      ) : (
        <>
          <Text size="sm" fw={600}>
            {s().claimableTitle}
          </Text>
          <RowsTable
            key={`c|${quarter}|${district}`}
            rows={sheet.claimable}
            withReasons={false}
            testId="sheet-claimable"
            empty={s().noClaimable}
          />
          <Text size="sm" fw={600}>
            {s().unclaimableTitle}
          </Text>
          <RowsTable
            key={`u|${quarter}|${district}`}
            rows={sheet.unclaimable}
            withReasons
            testId="sheet-unclaimable"
            empty={s().noUnclaimable}
          />
        </>
      )}
    </Stack>
  );
}
