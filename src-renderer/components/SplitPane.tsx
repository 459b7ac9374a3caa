// Two panes side by side with a divider the user drags (or moves with the arrow keys when it has
// focus) to give the document or the form more room. The share is kept for the session.
import { Box } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';

export interface SplitPaneProps {
  left: ReactNode;
  right: ReactNode;
  /** Share of the width the left pane starts with, 0..1. */
  initial?: number;
  min?: number;
  max?: number;
  height: string;
  label: string;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function SplitPane({
  left,
  right,
  initial = 0.55,
  min = 0.25,
  max = 0.8,
  height,
  label,
}: SplitPaneProps) {
  const [share, setShare] = useState(initial);
  const boxRef = useRef<HTMLDivElement>(null);

  const onPointerDown = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      const box = boxRef.current;
      if (!box) return;
      e.preventDefault();
      const target = e.currentTarget;
      target.setPointerCapture(e.pointerId);
      const rect = box.getBoundingClientRect();
      const move = (ev: PointerEvent) =>
        setShare(clamp((ev.clientX - rect.left) / rect.width, min, max));
      const up = () => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', up);
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', up);
    },
    [min, max],
  );

  return (
    <Box ref={boxRef} style={{ display: 'flex', height, minHeight: 0 }} data-testid="split-pane">
      <Box style={{ flexBasis: `${share * 100}%`, minWidth: 0, height: '100%' }}>{left}</Box>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={Math.round(share * 100)}
        aria-valuemin={Math.round(min * 100)}
        aria-valuemax={Math.round(max * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') setShare((v) => clamp(v - 0.05, min, max));
          if (e.key === 'ArrowRight') setShare((v) => clamp(v + 0.05, min, max));
        }}
        style={{
          width: 8,
          flexShrink: 0,
          cursor: 'col-resize',
          background:
            'linear-gradient(to right, transparent 3px, var(--mantine-color-gray-4) 3px, var(--mantine-color-gray-4) 5px, transparent 5px)',
        }}
      />
      <Box style={{ flex: 1, minWidth: 0, height: '100%' }}>{right}</Box>
    </Box>
  );
}
