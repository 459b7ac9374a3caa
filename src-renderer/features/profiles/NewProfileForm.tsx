// 新建用户: a real profile, protected from the first moment by the passphrase that seals its
// signing key. The passphrase goes to main once (key creation) and is dropped from state.
import { Alert, Button, Card, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../src-shared/profiles/roles';
import { t } from '../../app/strings';
import { PassphraseStrength } from './PassphraseStrength';
import { RoleChoice } from './RoleChoice';
import { createNormalProfile, type Opened, type SessionDeps } from './session';

/** Main's rule (services/keys/keystore.ts); checked here too so the form can say it at once. */
const MIN_PASSPHRASE = 8;

export function NewProfileForm({
  deps,
  onOpened,
}: {
  deps: SessionDeps;
  onOpened: (o: Opened) => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('expert');
  const [district, setDistrict] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError({ field: 'name', message: t.profile.nameRequired });
      return;
    }
    if ([...passphrase].length < MIN_PASSPHRASE) {
      setError({ field: 'passphrase', message: t.profile.passphraseTooShort(MIN_PASSPHRASE) });
      return;
    }
    if (confirm !== passphrase) {
      setError({ field: 'confirm', message: t.profile.passphraseMismatch });
      return;
    }
    setBusy(true);
    const result = await createNormalProfile(deps, { name, role, district }, passphrase);
    setBusy(false);
    if (!result.ok) {
      setError(result);
      return;
    }
    setPassphrase('');
    setConfirm('');
    onOpened(result);
  };
  const errorOn = (field: string) => (error?.field === field ? error.message : undefined);

  return (
    // noValidate: the browser's own bubble ("Please fill out this field.") is English and
    // unstyled; the form says what is missing in Chinese under the field instead.
    <Card
      withBorder
      padding="lg"
      component="form"
      noValidate
      onSubmit={(e: FormEvent) => void submit(e)}
    >
      <Title order={2} size="h4" mb="sm">
        {t.profile.create}
      </Title>
      <Stack gap="sm">
        <TextInput
          label={t.profile.name}
          placeholder={t.profile.namePlaceholder}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errorOn('name')}
          required
        />
        <RoleChoice label={t.profile.role} value={role} onChange={setRole} testId="role-select" />
        <TextInput
          label={t.profile.district}
          placeholder={t.profile.districtPlaceholder}
          value={district}
          onChange={(e) => setDistrict(e.currentTarget.value)}
          error={errorOn('district')}
        />
        <PasswordInput
          label={t.profile.passphrase}
          description={t.profile.passphraseHint(MIN_PASSPHRASE)}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={errorOn('passphrase')}
          data-testid="new-passphrase"
          required
        />
        <PassphraseStrength value={passphrase} userInputs={[name, district]} />
        <PasswordInput
          label={t.profile.passphraseConfirm}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={errorOn('confirm')}
          data-testid="new-passphrase-confirm"
          required
        />
        <Alert color="yellow" variant="light" p="xs" data-testid="no-recovery">
          {t.profile.noRecovery}
        </Alert>
        <Button type="submit" loading={busy} w="fit-content">
          {t.profile.submit}
        </Button>
      </Stack>
    </Card>
  );
}
