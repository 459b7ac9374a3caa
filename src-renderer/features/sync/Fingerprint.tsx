// A key fingerprint shown whole, in groups of four so a person can read it aloud and compare it
// with the platform's letter, with a button that copies it (shortened, it could not be checked).
import { Button, Code, CopyButton, Group } from '@mantine/core';
import { t } from '../../app/strings';

export const groupsOfFour = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <Group gap={4} wrap="nowrap" display="inline-flex" align="center">
      <Code
        data-testid={testId}
        data-value={value}
        data-verbatim
        style={{ wordBreak: 'break-word' }}
      >
        {groupsOfFour(value)}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={copy}
            aria-label={t.sync.keys.copy}
            data-testid={testId ? `${testId}-copy` : undefined}
            style={{ flexShrink: 0 }}
          >
            {copied ? t.sync.keys.copied : t.sync.keys.copyShort}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
