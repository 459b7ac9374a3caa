// The result of an action the person started: a green line when it worked, the one error
// presentation (ErrorNotice) when it did not.
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorNotice, type ShownError } from './ErrorNotice';

export type Outcome = { ok: true; text: string } | { ok: false; error: ShownError | string };

export function OutcomeNotice({
  outcome,
  children,
  hints,
  'data-testid': testId,
}: {
  outcome: Outcome;
  children?: ReactNode;
  hints?: Record<string, string>;
  'data-testid'?: string;
}) {
  if (!outcome.ok)
    return (
      <ErrorNotice error={outcome.error} hints={hints} data-testid={testId} compact>
        {children}
      </ErrorNotice>
    );
  return (
    <Alert color="green" py={6} role="status" data-testid={testId}>
      {outcome.text}
      {children}
    </Alert>
  );
}
