// Deleting a profile: the warning says what goes, and a profile with a key is confirmed with its
// passphrase, so nobody deletes another person's work by a click at a shared station.
import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { deleteProfile, needsPassphrase, type SessionDeps } from './session';

export function DeleteProfileModal(props: {
  deps: SessionDeps;
  profile: Profile;
  onClose: () => void;
}) {
  const { deps, profile, onClose } = props;
  const [asks, setAsks] = useState<boolean | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void needsPassphrase(deps.api, profile.id).then((n) => setAsks(n !== false));
  }, [deps.api, profile.id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const done = await deleteProfile(deps, profile, asks ? value : undefined);
    setBusy(false);
    if (done.ok) onClose();
    else setError(done.message);
  };

  return (
    <Modal opened onClose={onClose} title={t.profile.deleteTitle(profile.name)}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <Alert color="red" variant="light">
            {t.profile.deleteWarning}
          </Alert>
          {asks && (
            <PasswordInput
              label={t.profile.deleteConfirmPassphrase}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={error}
              data-autofocus
              data-testid="delete-passphrase"
            />
          )}
          {!asks && error && <ErrorNotice error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.profile.cancel}
            </Button>
            <Button
              type="submit"
              color="red"
              loading={busy}
              disabled={asks === null || (asks && value.length === 0)}
            >
              {t.profile.deleteConfirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
