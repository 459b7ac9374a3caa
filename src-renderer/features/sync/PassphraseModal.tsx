// Asks for the signing passphrase for one action and runs the action with it. A wrong passphrase
// (or the wait after too many) keeps the dialog open with main's message on the field and the
// text selected, so the next try simply overtypes it; before, the dialog closed and left the
// person with an error and nothing to type into. The value lives only in this component's
// state until it is handed to main and is cleared when the modal closes.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import type { IpcResult } from '../../../src-shared/ipc/result';
import { t } from '../../app/strings';

/** Failures the person fixes by typing again: shown on the field, the dialog stays open. */
const RETRY_CODES = new Set(['wrong-passphrase', 'too-many-attempts']);

type Attempt = (passphrase: string) => Promise<IpcResult<unknown> | undefined>;
/** Resolves with the action's answer, or null when the person cancelled. */
export type Ask = <T>(
  purpose: string,
  attempt: (passphrase: string) => Promise<IpcResult<T> | undefined>,
) => Promise<IpcResult<T> | undefined | null>;

interface Pending {
  purpose: string;
  attempt: Attempt;
  resolve: (v: IpcResult<unknown> | undefined | null) => void;
}

export function usePassphrasePrompt(): { ask: Ask; modal: React.ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const ask = useCallback<Ask>(
    <T,>(purpose: string, attempt: (p: string) => Promise<IpcResult<T> | undefined>) => {
      setValue('');
      setError(null);
      return new Promise<IpcResult<T> | undefined | null>((resolve) => {
        setPending({
          purpose,
          attempt,
          resolve: resolve as Pending['resolve'],
        });
      });
    },
    [],
  );

  const finish = (v: IpcResult<unknown> | undefined | null) => {
    pending?.resolve(v);
    setPending(null);
    setValue('');
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pending || value.length === 0 || busy) return;
    setBusy(true);
    const r = await pending.attempt(value);
    setBusy(false);
    if (r && !r.ok && RETRY_CODES.has(r.error.code)) {
      setError(r.error.message);
      // After the re-render that shows the error: focus back in the field, text selected.
      requestAnimationFrame(() => {
        input.current?.focus();
        input.current?.select();
      });
      return;
    }
    finish(r);
  };

  const modal = (
    <Modal
      opened={pending !== null}
      onClose={() => !busy && finish(null)}
      title={t.sync.passphraseTitle}
    >
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <Text size="sm">{pending?.purpose}</Text>
          <PasswordInput
            ref={input}
            label={t.sync.passphrase}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            // Mantine marks the field only with data-invalid; a screen reader needs aria-invalid.
            aria-invalid={error !== null}
            data-autofocus
            data-testid="passphrase-input"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => finish(null)} disabled={busy}>
              {t.sync.cancel}
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={value.length === 0}
              data-testid="passphrase-ok"
            >
              {t.sync.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
  return { ask, modal };
}
