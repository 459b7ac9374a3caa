// The passphrase dialog for opening a profile. A wrong passphrase keeps the dialog open with
// the message on the field, the text selected so the next try simply overtypes it.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { t } from '../../app/strings';
import { openSession, type Opened, type SessionDeps } from './session';

export function UnlockModal(props: {
  deps: SessionDeps;
  profile: Profile;
  onClose: () => void;
  onOpened: (o: Opened) => void;
}) {
  const { deps, profile, onClose, onOpened } = props;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (value.length === 0 || busy) return;
    setBusy(true);
    const opened = await openSession(deps, profile, value);
    setBusy(false);
    if (opened.ok) {
      setValue('');
      onOpened(opened);
      return;
    }
    setError(opened.message);
    input.current?.focus();
    input.current?.select();
  };

  return (
    <Modal opened onClose={onClose} title={t.profile.unlockTitle(profile.name)}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <Text size="sm">{t.profile.unlockIntro}</Text>
          <PasswordInput
            ref={input}
            label={t.profile.passphrase}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            aria-invalid={error !== null}
            data-autofocus
            data-testid="unlock-passphrase"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.profile.cancel}
            </Button>
            <Button type="submit" loading={busy} disabled={value.length === 0}>
              {t.profile.unlock}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
