// Asks for the signing passphrase for one action. The value lives only in this component's
// state until it is handed to main and is cleared when the modal closes.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { t } from '../../app/strings';

type Ask = (purpose: string) => Promise<string | null>;

export function usePassphrasePrompt(): { ask: Ask; modal: React.ReactNode } {
  const [purpose, setPurpose] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const resolver = useRef<((v: string | null) => void) | null>(null);

  const ask = useCallback<Ask>((p) => {
    setValue('');
    setPurpose(p);
    return new Promise((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const finish = (v: string | null) => {
    resolver.current?.(v);
    resolver.current = null;
    setPurpose(null);
    setValue('');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.length > 0) finish(value);
  };

  const modal = (
    <Modal opened={purpose !== null} onClose={() => finish(null)} title={t.sync.passphraseTitle}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{purpose}</Text>
          <PasswordInput
            label={t.sync.passphrase}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            data-autofocus
            data-testid="passphrase-input"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => finish(null)}>
              {t.sync.cancel}
            </Button>
            <Button type="submit" disabled={value.length === 0} data-testid="passphrase-ok">
              {t.sync.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
  return { ask, modal };
}
