// The one error presentation: what happened and what to do, in the person's words; the code,
// field and raw message behind 详情 with 复制, for technical support.
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorStrings as s } from '../app/strings/errors';
import { copyText } from './copyText';
import { explainError, type ShownError } from './errorText';

export type { ShownError } from './errorText';

interface Props {
  error: ShownError | string;
  title?: string;
  /** The capability's plain sentences by code (e.g. t.sync.codes). */
  hints?: Record<string, string>;
  /** More of the person's terms below the sentence (e.g. "本机数据未作任何更改"). */
  children?: ReactNode;
  onClose?: () => void;
  'data-testid'?: string;
  /** Inside a card or a narrow column: less padding. */
  compact?: boolean;
}

/** 详情 with 复制: technical text for support, closed until asked for (also under a list item). */
export function TechnicalDetails({ text, all = text }: { text: string; all?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <details data-testid="error-details">
      <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>
        {s.details}
      </summary>
      <Stack gap={4} mt={4}>
        <Text size="xs">{s.detailsIntro}</Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {text}
        </Code>
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => void copyText(all).then(setCopied)}
            data-testid="error-copy"
          >
            {copied ? s.copied : s.copy}
          </Button>
          {copied === false && (
            <Text size="xs" role="status">
              {s.copyFailed}
            </Text>
          )}
        </Group>
      </Stack>
    </details>
  );
}

export function ErrorNotice({
  error,
  title,
  hints,
  children,
  onClose,
  compact,
  'data-testid': testId = 'error-notice',
}: Props) {
  const { lines, details } = explainError(error, hints);
  const all = [title, ...lines, details].filter(Boolean).join('\n');
  return (
    <Alert
      color="red"
      title={title}
      role="alert"
      data-testid={testId}
      p={compact ? 'xs' : undefined}
      withCloseButton={onClose !== undefined}
      onClose={onClose}
    >
      <Stack gap={4}>
        {lines.map((line) => (
          <Text size="sm" key={line} data-testid="error-sentence">
            {line}
          </Text>
        ))}
        {children}
        {details && <TechnicalDetails text={details} all={all} />}
      </Stack>
    </Alert>
  );
}
