import {
  Badge,
  Box,
  Card,
  Collapse,
  Grid,
  Group,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import type { SimilarPair } from '../../../src-shared/similarity/precheck';
import type { Passage, PassageSide } from '../../../src-shared/similarity/passages';
import { t } from '../../app/strings';
import type { PlanLabel } from './scope';
import { diffMarks, type Segment } from './diffMarks';
import { unwrapLines } from './unwrapLines';
import { isolated } from '../../../src-shared/records/visibleText';

const s = t.similarity;

function PlanHeading({ label, id, mine }: { label?: PlanLabel; id: string; mine: string | null }) {
  return (
    <Stack gap={0}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm" lineClamp={1}>
          {label
            ? `${isolated(label.trainee)}《${isolated(label.title)}》`
            : s.unknownSubmission(id)}
        </Text>
        {mine && (
          <Badge size="xs" variant="light" color="blue">
            {mine}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {label?.klass ?? ''}
      </Text>
    </Stack>
  );
}

function Side({
  side,
  segments,
  testId,
}: {
  side: PassageSide;
  segments: Segment[];
  testId: string;
}) {
  return (
    <Box
      data-testid={testId}
      p="xs"
      bg="yellow.0"
      style={{ borderLeft: '3px solid var(--mantine-color-yellow-5)', height: '100%' }}
    >
      <Text size="xs" c="dimmed" data-testid={`${testId}-page`}>
        {s.page(side.page, side.endPage)}
      </Text>
      <Text size="sm">
        {segments.map((seg, i) =>
          seg.changed ? (
            <Text key={i} span fw={700} c="red.8" bg="red.1" data-testid="passage-changed">
              {seg.text}
            </Text>
          ) : (
            <span key={i}>{seg.text}</span>
          ),
        )}
      </Text>
    </Box>
  );
}

function PassageRow({ p }: { p: Passage }) {
  // What differs inside a matched passage is what the copier changed: marked on both sides.
  const marks = diffMarks(unwrapLines(p.a.text), unwrapLines(p.b.text));
  return (
    <Grid gap="xs" data-testid="similarity-passage">
      <Grid.Col span={6}>
        <Side side={p.a} segments={marks.a} testId="passage-a" />
      </Grid.Col>
      <Grid.Col span={6}>
        <Side side={p.b} segments={marks.b} testId="passage-b" />
      </Grid.Col>
    </Grid>
  );
}

export function PairCard({
  pair,
  labels,
  mine,
  mineLabel,
  initiallyOpen,
}: {
  pair: SimilarPair;
  labels: Map<string, PlanLabel>;
  mine: Set<string>;
  /** The badge on a plan that concerns the viewer (分配给我 / 本组). */
  mineLabel: string;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <Card withBorder padding="sm" data-testid="similarity-pair" data-pair={`${pair.a}|${pair.b}`}>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} w="100%">
        <Grid gap="xs" align="center">
          <Grid.Col span={5}>
            <PlanHeading
              label={labels.get(pair.a)}
              id={pair.a}
              mine={mine.has(pair.a) ? mineLabel : null}
            />
          </Grid.Col>
          <Grid.Col span={5}>
            <PlanHeading
              label={labels.get(pair.b)}
              id={pair.b}
              mine={mine.has(pair.b) ? mineLabel : null}
            />
          </Grid.Col>
          <Grid.Col span={2}>
            <Stack gap={2} align="flex-end">
              <Badge color={pair.similarity >= 0.6 ? 'red' : 'orange'} data-testid="pair-score">
                {s.similarity(pair.similarity)}
              </Badge>
              <Text size="xs" c="dimmed">
                {s.passages(pair.passages.length)}
              </Text>
            </Stack>
          </Grid.Col>
        </Grid>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap="xs" mt="sm">
          {pair.passages.map((p, i) => (
            <PassageRow key={i} p={p} />
          ))}
        </Stack>
      </Collapse>
    </Card>
  );
}
