// The file's timeline: watched intervals (green), finding markers (red), the playhead; a click
// seeks. Seeking never counts as watched (src-shared/audit/ledger).
import { Box, Tooltip } from '@mantine/core';
import type { Interval } from '../../../src-shared/audit/ledger';
import { formatTimecode } from '../../../src-shared/audit/timecode';

export function Timeline(props: {
  duration: number;
  current: number;
  watched: readonly Interval[];
  markers: { id: string; start: number; end?: number; label: string }[];
  onSeek: (t: number) => void;
}) {
  const { duration } = props;
  const pct = (t: number) =>
    `${duration > 0 ? Math.min(100, Math.max(0, (100 * t) / duration)) : 0}%`;
  return (
    <Box
      pos="relative"
      h={22}
      bg="gray.2"
      style={{ cursor: 'pointer', borderRadius: 4 }}
      data-testid="timeline"
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        if (duration > 0) props.onSeek(((e.clientX - r.left) / r.width) * duration);
      }}
    >
      {props.watched.map(([a, b]) => (
        <Box
          key={`${a}-${b}`}
          pos="absolute"
          top={14}
          h={8}
          bg="teal.5"
          left={pct(a)}
          w={`calc(${pct(b)} - ${pct(a)})`}
          data-testid="watched-interval"
        />
      ))}
      {props.markers.map((m) => (
        <Tooltip key={m.id} label={`${formatTimecode(m.start)} ${m.label}`}>
          <Box
            pos="absolute"
            top={0}
            h={14}
            bg="red.6"
            left={pct(m.start)}
            w={m.end !== undefined ? `max(3px, calc(${pct(m.end)} - ${pct(m.start)}))` : 3}
            data-testid="finding-marker"
          />
        </Tooltip>
      ))}
      <Box pos="absolute" top={0} bottom={0} w={2} bg="dark.7" left={pct(props.current)} />
    </Box>
  );
}
