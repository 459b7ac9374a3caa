// 证书打印 (print operator): per class, who may get a certificate and why; preview page 1; one
// batch PDF saved through main's dialog; the print log. Eligibility is the pure function in
// src-shared/certificates; main checks the platform records and the glyphs before writing.
import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Grid,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { certificateCandidates } from '../../../src-shared/certificates/eligibility';
import { calibrationSchema, NO_OFFSET } from '../../../src-shared/certificates/template';
import type { DocPageWire, HeldWire } from '../../../src-shared/ipc/certificates';
import type { QihangApi } from '../../../src-shared/ipc/contract';
import type { Profile } from '../../../src-shared/profiles/roles';
import { shanghaiDate } from '../../../src-shared/time';
import { getApi } from '../../app/api';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice, TechnicalDetails } from '../../components/ErrorNotice';
import { OutcomeNotice, type Outcome } from '../../components/OutcomeNotice';
import { loadCheckInput, type CheckInput } from '../../db/checkInput';
import {
  printBatchFlow,
  saveBatchFlow,
  type PrintOutcome,
  type SaveInput,
  type SaveOutcome,
} from './batchFlow';
import { CalibrationPanel } from './CalibrationPanel';
import { CertificatePreview } from './CertificatePreview';
import { CALIBRATION_KEY } from './printLogStore';
import { PrintLogPanel } from './PrintLogPanel';
import { ScreenTitle } from '../../app/ScreenTitle';
import { RecordText } from '../../components/RecordText';
import { isolated } from '../../../src-shared/records/visibleText';
import { idsSharingAName } from '../../../src-shared/records/sameNames';

const s = () => t.certificates;

type Loaded = { key: string; input: CheckInput | null } | { key: string; error: string };

export function CertificatesScreen({ profile }: { profile: Profile }) {
  const db = useDb();
  const asOf = useMemo(() => shanghaiDate(new Date()), []);
  const pkg = useLiveQuery(
    async () => (await db.packages.orderBy('importedAt').last()) ?? null,
    [db],
  );
  const pkgKey = pkg ? `${pkg.packageId}:${pkg.envelopeHash}` : pkg === null ? 'none' : '';
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!pkgKey) return;
    let live = true;
    loadCheckInput(db).then(
      (input) => live && setLoaded({ key: pkgKey, input: input ?? null }),
      (e: unknown) => live && setLoaded({ key: pkgKey, error: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [db, pkgKey]);
  const input = loaded && loaded.key === pkgKey && 'input' in loaded ? loaded.input : undefined;

  // The platform's records (its certificate numbers) and this station's panel decisions (a
  // chair's workstation) are the outcome sources; a local fail against a number is a conflict.
  const classes = useMemo(
    () =>
      input
        ? certificateCandidates(input.records, {
            asOf,
            packs: input.packs,
            files: input.files,
            panelOutcomes: input.inputs.panelDecisions ?? [],
          })
        : [],
    [input, asOf],
  );
  const [classId, setClassId] = useState<string | null>(null);
  const current =
    classes.find((c) => c.classId === classId) ??
    classes.find((c) => c.printable > 0) ??
    classes[0];
  const [picked, setPicked] = useState<Record<string, Set<string>>>({});
  const selected = current
    ? (picked[current.classId] ??
      new Set(current.candidates.filter((c) => c.printable).map((c) => c.traineeId)))
    : new Set<string>();
  const setSelected = (next: Set<string>) =>
    current && setPicked((p) => ({ ...p, [current.classId]: next }));

  const calibrationRow = useLiveQuery(() => db.settings.get(CALIBRATION_KEY), [db]);
  const calibration = useMemo(() => {
    const parsed = calibrationSchema.safeParse(calibrationRow?.value);
    return parsed.success ? parsed.data : NO_OFFSET;
  }, [calibrationRow]);

  const [copies, setCopies] = useState<number | string>(1);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ page: DocPageWire | null; held: HeldWire[] } | null>(
    null,
  );
  const [result, setResult] = useState<(Outcome & { held: HeldWire[] }) | null>(null);

  if (loaded && 'error' in loaded) return <ErrorNotice error={loaded.error} />;
  if (pkg === null || input === null)
    return <Alert data-testid="certificates-empty">{s().noPackage}</Alert>;
  if (!input || !current)
    return (
      <Center h={200}>
        <Loader size="sm" />
        <Text ml="sm">{s().loading}</Text>
      </Center>
    );

  const items = current.candidates
    .filter((c) => c.printable && selected.has(c.traineeId))
    .map((c) => ({
      traineeId: c.traineeId,
      name: c.name,
      number: c.number!,
      signedRecord: c.signedRecord!,
    }));
  const request = () => ({
    importer: { profileId: profile.id, demo: profile.demo === true },
    classId: current.classId,
    items,
    calibration,
  });

  const doPreview = async () => {
    const api = getApi();
    if (!api) return setResult({ ok: false, error: s().noApi, held: [] });
    setBusy(true);
    const r = await api.certificates.previewBatch(request());
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, error: r.error, held: [] });
    setPreview({ page: r.value.page, held: r.value.held });
  };
  const batchInput = (api: QihangApi): SaveInput => {
    const copiesN = Number(copies);
    return {
      api,
      db,
      profile,
      classId: current.classId,
      className: current.className,
      items,
      calibration,
      copies: Number.isInteger(copiesN) && copiesN > 0 ? copiesN : 1,
      reason,
    };
  };
  const showOutcome = (r: SaveOutcome | PrintOutcome, cancelledText: string) => {
    if (r.kind === 'saved' || r.kind === 'printed') {
      const text =
        r.kind === 'saved'
          ? s().saved(r.path, r.numbers.length)
          : s().printed(r.printer, r.numbers.length);
      setResult({ ok: true, text, held: r.held });
      setReason('');
    } else if (r.kind === 'nothing') setResult({ ok: false, error: s().nothing, held: r.held });
    else if (r.kind === 'cancelled') setResult({ ok: true, text: cancelledText, held: [] });
    else setResult({ ok: false, error: r, held: [] });
  };
  const doBatch = async (
    flow: (input: SaveInput) => Promise<SaveOutcome | PrintOutcome>,
    cancelledText: string,
  ) => {
    const api = getApi();
    if (!api) return setResult({ ok: false, error: s().noApi, held: [] });
    setBusy(true);
    const r = await flow(batchInput(api));
    setBusy(false);
    showOutcome(r, cancelledText);
  };
  const doSave = () => doBatch(saveBatchFlow, s().cancelled);
  const doPrint = () => doBatch(printBatchFlow, s().printCancelled);

  const printableIds = current.candidates.filter((c) => c.printable).map((c) => c.traineeId);
  // Names, not record ids: an id only where two classes or two trainees read the same.
  const sameClassName = idsSharingAName(
    classes,
    (c) => c.className,
    (c) => c.classId,
  );
  const sameTraineeName = idsSharingAName(
    current.candidates,
    (c) => c.name,
    (c) => c.traineeId,
  );
  const held = preview?.held ?? [];

  return (
    <Stack gap="sm" data-testid="screen-certificates">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <ScreenTitle screen="certificates" />
          <Text size="xs" c="dimmed">
            {s().pkg}：<RecordText text={input.pkg.title} max={60} />
            {t.shell.packageVersion(input.pkg.version)}；{s().asOf} {asOf}
          </Text>
        </Stack>
        <Select
          size="xs"
          w={460}
          label={s().klass}
          data={classes.map((c) => ({
            value: c.classId,
            label: s().classOption(
              sameClassName.has(c.classId) ? c.classId : null,
              isolated(c.className),
              c.printable,
              c.candidates.length,
            ),
          }))}
          value={current.classId}
          onChange={(v) => {
            setClassId(v);
            setPreview(null);
            setResult(null);
          }}
          allowDeselect={false}
          data-testid="certificates-class"
        />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="xs">
            <Group gap="xs">
              <Button size="xs" variant="subtle" onClick={() => setSelected(new Set(printableIds))}>
                {s().selectAll}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
                {s().selectNone}
              </Button>
              <Text size="xs" c="dimmed" data-testid="certificates-selected">
                {s().selected(items.length)}
              </Text>
            </Group>
            <Table withTableBorder striped fz="xs" data-testid="certificates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>{s().columns.pick}</Table.Th>
                  <Table.Th w={110}>{s().columns.trainee}</Table.Th>
                  <Table.Th w={140}>{s().columns.number}</Table.Th>
                  <Table.Th w={90}>{s().columns.status}</Table.Th>
                  <Table.Th>{s().columns.reason}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {current.candidates.map((c) => (
                  <Table.Tr key={c.traineeId} data-testid="certificate-row" data-status={c.status}>
                    <Table.Td>
                      <Checkbox
                        size="xs"
                        aria-label={
                          sameTraineeName.has(c.traineeId)
                            ? `${isolated(c.name)} ${c.traineeId}`
                            : isolated(c.name)
                        }
                        disabled={!c.printable}
                        checked={c.printable && selected.has(c.traineeId)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.currentTarget.checked) next.add(c.traineeId);
                          else next.delete(c.traineeId);
                          setSelected(next);
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <RecordText text={c.name} max={24} />
                      {sameTraineeName.has(c.traineeId) && (
                        <Text span size="xs" c="dimmed" data-testid="same-name-id">
                          {' '}
                          {c.traineeId}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{c.number ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge
                        size="xs"
                        variant="light"
                        color={
                          c.printable ? 'green' : c.status === 'awaiting-number' ? 'gray' : 'red'
                        }
                      >
                        {s().status[c.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{c.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="xs">
            <Group align="flex-end" gap="xs">
              <NumberInput
                size="xs"
                w={70}
                label={s().copies}
                min={1}
                max={10}
                value={copies}
                onChange={setCopies}
                data-testid="certificates-copies"
              />
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label={s().reprintReason}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                data-testid="certificates-reason"
              />
            </Group>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                disabled={busy || items.length === 0}
                onClick={() => void doPreview()}
                data-testid="certificates-preview"
              >
                {s().preview}
              </Button>
              <Button
                size="xs"
                disabled={busy || items.length === 0}
                loading={busy}
                onClick={() => void doSave()}
                data-testid="certificates-save"
              >
                {s().save}
              </Button>
              <Button
                size="xs"
                variant="outline"
                disabled={busy || items.length === 0}
                onClick={() => void doPrint()}
                data-testid="certificates-print"
              >
                {s().print}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {s().printNote}
            </Text>
            {result && (
              <OutcomeNotice outcome={result} data-testid="certificates-result">
                {result.held.map((h) => (
                  <div key={h.traineeId}>
                    <Text size="xs">
                      {s().held}：{h.message}
                    </Text>
                    {h.detail && <TechnicalDetails text={h.detail} />}
                  </div>
                ))}
              </OutcomeNotice>
            )}
            {preview && (
              <Stack gap={4}>
                <Text size="xs" fw={500}>
                  {s().previewTitle}
                </Text>
                {preview.page ? (
                  <CertificatePreview page={preview.page} />
                ) : (
                  <Text size="xs">{s().previewEmpty}</Text>
                )}
                {held.map((h) => (
                  <Alert key={h.traineeId} color="orange" py={4} data-testid="certificates-held">
                    {s().held}：{h.message}
                    {h.detail && <TechnicalDetails text={h.detail} />}
                  </Alert>
                ))}
              </Stack>
            )}
            <CalibrationPanel
              key={`${calibration.dxMm},${calibration.dyMm}`}
              value={calibration}
              program={current.program}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      <PrintLogPanel profile={profile} />
    </Stack>
  );
}
