import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { CATEGORIES, classify, SEVERITY_LABEL } from '../../../src-shared/audit/findings';
import { formatTimecode } from '../../../src-shared/audit/timecode';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { t } from '../../app/strings';
import type { StoredFinding } from '../../db/auditWork';

const s = () => t.audit.finding;

export function FindingList({
  findings,
  ruleName,
}: {
  findings: StoredFinding[];
  ruleName: (id: RuleId) => string;
}) {
  return (
    <Card withBorder padding="sm" data-testid="finding-list">
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {s().list}
        </Text>
        {findings.length === 0 && (
          <Text size="xs" c="dimmed">
            {s().none}
          </Text>
        )}
        {findings.map(({ id, payload: f }) => {
          const c = classify(f.category, f.severity);
          return (
            <Group key={id} gap={6} wrap="nowrap" data-testid="finding-row">
              <Text size="xs" ff="monospace">
                {formatTimecode(f.start)}
                {f.end !== undefined ? `–${formatTimecode(f.end)}` : ''}
              </Text>
              <Badge size="xs" color={f.severity === 'serious' ? 'red' : 'yellow'}>
                {SEVERITY_LABEL[f.severity]}
              </Badge>
              <Text size="xs" fw={600}>
                {CATEGORIES[f.category].label}
              </Text>
              <Text size="xs" c="dimmed">
                {s().rule(ruleName(c.ruleId), c.ruleId, c.exitGround)}
              </Text>
              <Text size="xs" style={{ flex: 1 }} truncate title={f.note}>
                {f.note}
              </Text>
              {f.frameGrab && (
                <Text
                  size="xs"
                  c="dimmed"
                  ff="monospace"
                  data-testid="finding-grab"
                  // Shortened on screen; the whole hash, to compare with the bundle, on hover.
                  title={f.frameGrab.sha256}
                >
                  {s().grabbed(f.frameGrab.sha256)}
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
