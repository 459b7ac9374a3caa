// A key fingerprint shown whole, in groups of four so a person can read it aloud and compare it
// with the platform's letter, with a button that copies it (shortened, it could not be checked).
import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { t } from '../../app/strings';

export const groupsOfFour = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <Group gap={4} wrap="nowrap" display="inline-flex" align="center">
      <Code data-testid={testId} data-value={value} style={{ wordBreak: 'break-word' }}>
        {groupsOfFour(value)}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t.sync.keys.copied : t.sync.keys.copy} withArrow>
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label={t.sync.keys.copy}
              onClick={copy}
              data-testid={testId ? `${testId}-copy` : undefined}
            >
              {copied ? '✓' : '⧉'}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
