// The passphrase form for opening a profile, shown in the picker right under that profile's
// entry rather than in a dialog. Most days start here (the last user is asked at once), and as a
// modal it came up ~100 ms after the picker: Mantine's Modal (portal, focus trap, scroll lock)
// is a chunk of its own that had to load and render first. A wrong passphrase keeps the form
// open with the message on the field, the text selected so the next try simply overtypes it.
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { t } from '../../app/strings';
import { openSession, type Opened, type SessionDeps } from './session';

export function UnlockPanel(props: {
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
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={t.profile.unlockTitle(profile.name)}
      data-testid="unlock-panel"
    >
      <Stack gap="xs" p="sm" bg="indigo.0" style={{ borderRadius: 4 }}>
        <Text size="sm">{t.profile.unlockIntro}</Text>
        <PasswordInput
          ref={input}
          label={t.profile.passphrase}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
          }}
          error={error}
          aria-invalid={error !== null}
          // The form appears because someone chose this profile (or it was the last one in
          // use): the next keystroke is the passphrase.
          autoFocus
          data-testid="unlock-passphrase"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t.profile.cancel}
          </Button>
          <Button type="submit" loading={busy} disabled={value.length === 0}>
            {t.profile.unlock}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
