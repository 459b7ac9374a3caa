// The profile's signing key and its enrollment with the platform: create the key (passphrase
// twice), change the passphrase, export the enrollment request, import the platform's reply.
import {
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../../src-shared/ipc/keys';
import type { Profile } from '../../../src-shared/profiles/roles';
import { formatDateTime } from '../../../src-shared/time';
import { getApi } from '../../app/api';
import { t } from '../../app/strings';
import type { ShownError } from '../../components/ErrorNotice';
import { describeFailure } from './failures';
import { Fingerprint } from './Fingerprint';
import type { Ask } from './PassphraseModal';

const s = t.sync.keys;

export type Notify = (kind: 'ok' | 'error', text: string | ShownError) => void;

interface Props {
  profile: Profile;
  status: KeyStatus | null;
  refresh: () => Promise<void>;
  ask: Ask;
  notify: Notify;
}

function CreateKeyForm({ profile, status, refresh, notify }: Omit<Props, 'ask'>) {
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<{ field: 'pass' | 'confirm'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const min = status?.minPassphraseLength ?? 8;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ([...pass].length < min) return setError({ field: 'pass', text: s.tooShort(min) });
    if (pass !== confirm) return setError({ field: 'confirm', text: s.mismatch });
    setError(null);
    setBusy(true);
    const r = await getApi()?.keys.create({ profileId: profile.id, passphrase: pass });
    setBusy(false);
    if (!r) return;
    if (!r.ok) return setError({ field: 'pass', text: describeFailure(r.error) });
    setPass('');
    setConfirm('');
    notify('ok', s.created);
    await refresh();
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="xs" maw={420}>
        <Text size="sm">{s.noKey}</Text>
        <PasswordInput
          label={s.newPassphrase}
          description={s.passphraseMin(min)}
          value={pass}
          onChange={(e) => setPass(e.currentTarget.value)}
          error={error?.field === 'pass' ? error.text : undefined}
          data-testid="key-passphrase"
        />
        <PasswordInput
          label={s.confirmPassphrase}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={error?.field === 'confirm' ? error.text : undefined}
          data-testid="key-passphrase-confirm"
        />
        <Group>
          <Button type="submit" loading={busy} disabled={status?.sealerAvailable === false}>
            {s.create}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChangePassphraseForm({ profile, status, notify }: Omit<Props, 'ask' | 'refresh'>) {
  const [oldPass, setOld] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const min = status?.minPassphraseLength ?? 8;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ([...next].length < min) return setError({ field: 'new', text: s.tooShort(min) });
    if (next !== confirm) return setError({ field: 'confirm', text: s.mismatch });
    setError(null);
    const r = await getApi()?.keys.changePassphrase({
      profileId: profile.id,
      oldPassphrase: oldPass,
      newPassphrase: next,
    });
    if (!r) return;
    if (!r.ok) {
      const field = r.error.field === 'newPassphrase' ? 'new' : 'old';
      return setError({ field, text: describeFailure(r.error) });
    }
    setOld('');
    setNext('');
    setConfirm('');
    notify('ok', s.changed);
  };

  const err = (f: string) => (error?.field === f ? error.text : undefined);
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="xs" maw={420}>
        <Text fw={500} size="sm">
          {s.changeTitle}
        </Text>
        <PasswordInput
          label={s.oldPassphrase}
          value={oldPass}
          onChange={(e) => setOld(e.currentTarget.value)}
          error={err('old')}
        />
        <PasswordInput
          label={s.newPassphrase}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={err('new')}
        />
        <PasswordInput
          label={s.confirmPassphrase}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={err('confirm')}
        />
        <Group>
          <Button type="submit" variant="default">
            {s.change}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Enrollment({ profile, status, refresh, ask, notify }: Props) {
  const [expected, setExpected] = useState('');
  const enrollment = status?.enrollment ?? null;

  const exportRequest = async () => {
    const api = getApi();
    if (!api) return;
    const r = await ask(t.sync.passphraseForEnrollment, (passphrase) =>
      api.keys.exportEnrollmentRequest({
        profile: {
          id: profile.id,
          name: profile.name,
          role: profile.role,
          district: profile.district,
        },
        passphrase,
      }),
    );
    if (!r) return;
    if (!r.ok) return notify('error', r.error);
    notify('ok', r.value.path === null ? t.sync.cancelled : s.requestSaved(r.value.path));
  };

  const importReply = async () => {
    const fingerprint = expected.trim().toLowerCase();
    const r = await getApi()?.keys.importEnrollmentReply({
      profileId: profile.id,
      ...(fingerprint ? { expectedKeyid: fingerprint } : {}),
    });
    if (!r) return;
    if (!r.ok) return notify('error', r.error);
    if (r.value.path === null) return notify('ok', t.sync.cancelled);
    notify('ok', s.replyImported(r.value.issuer ?? '', r.value.added.length));
    await refresh();
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={500} size="sm">
          {s.enrollment}
        </Text>
        {enrollment ? (
          <Text size="sm" data-testid="enrollment-state">
            {s.enrolledBy(enrollment.issuer)}
          </Text>
        ) : (
          <Text size="sm" c="orange" data-testid="enrollment-state">
            {s.notEnrolled}
          </Text>
        )}
      </Group>
      {enrollment && (
        <Table withTableBorder fz="xs" maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{s.platformKeys}</Table.Th>
              <Table.Th w={280}>{s.validity}</Table.Th>
              <Table.Th w={80} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {enrollment.platformKeys.map((k) => (
              <Table.Tr key={k.keyid}>
                <Table.Td>
                  <Fingerprint value={k.keyid} />
                </Table.Td>
                <Table.Td>
                  {formatDateTime(k.notBefore)} – {formatDateTime(k.notAfter)}
                </Table.Td>
                <Table.Td>
                  <Badge color={k.active ? 'green' : 'gray'} variant="light">
                    {k.active ? s.keyActive : s.keyInactive}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!enrollment && (
        <TextInput
          label={s.expectedKeyid}
          value={expected}
          onChange={(e) => setExpected(e.currentTarget.value)}
          maw={560}
          ff="monospace"
        />
      )}
      <Group>
        <Button variant="default" onClick={() => void exportRequest()}>
          {s.exportRequest}
        </Button>
        <Button variant="default" onClick={() => void importReply()}>
          {s.importReply}
        </Button>
      </Group>
    </Stack>
  );
}

export function KeysPanel(props: Props) {
  const { status } = props;
  const [changing, setChanging] = useState(false);
  // Once the key exists and is enrolled the panel stays where it was and shrinks to one line
  // (fingerprint and platform), so the sync actions below come up instead of the panel jumping
  // to the bottom of the screen; the table, re-enrollment and the passphrase wait behind a toggle.
  const setupDone = Boolean(status?.key && status.enrollment);
  const [open, setOpen] = useState(false);
  const showAll = !setupDone || open;
  return (
    <Card withBorder data-testid="keys-panel" data-setup-done={setupDone || undefined}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h5">
            {s.title}
          </Title>
          {setupDone && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              aria-controls="keys-panel-details"
              data-testid="keys-panel-toggle"
            >
              {open ? s.hideDetails : s.showDetails}
            </Button>
          )}
        </Group>
        {status?.sealerAvailable === false && (
          <Text c="red" size="sm" role="alert">
            {s.sealerMissing}：{status.sealerMessage}
          </Text>
        )}
        {status?.problem && (
          <Text c="red" size="sm" role="alert">
            {status.problem}
          </Text>
        )}
        {status && !status.key && <CreateKeyForm {...props} />}
        {status?.key && (
          <>
            <Group gap="xl">
              <Text size="sm">
                {s.keyid}：<Fingerprint value={status.key.keyid} testId="key-id" />
              </Text>
              {showAll ? (
                <Text size="sm">
                  {s.createdAt}：{formatDateTime(status.key.createdAt)}
                </Text>
              ) : (
                status.enrollment && (
                  <Text size="sm" data-testid="enrollment-state">
                    {s.enrolledBy(status.enrollment.issuer)}
                  </Text>
                )
              )}
            </Group>
            {showAll && (
              <Stack gap="sm" id="keys-panel-details">
                <Enrollment {...props} />
                {changing ? (
                  <ChangePassphraseForm {...props} />
                ) : (
                  <Group>
                    <Button variant="subtle" px={0} onClick={() => setChanging(true)}>
                      {s.showChange}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
