// Every piece of text that came from a package (a trainee's name, a title, a file name, an
// organizer or class name) is shown through this one component:
// - inside <bdi>, so its direction cannot leak into the app's own words beside it (a title
//   ending in U+202E once reversed the 「（第 1 版）」 that followed it);
// - with each invisible character (bidi controls, zero-width characters, C0/C1 controls incl.
//   NUL) shown as a muted ⟦U+XXXX⟧ badge instead of being obeyed or silently dropped;
// - cut after `max` characters, with the whole text (markers spelled) on hover.
import { Fragment, type CSSProperties } from 'react';
import {
  markedText,
  markerOf,
  textSegments,
  type TextSegment,
} from '../../src-shared/records/visibleText';
import { t } from '../app/strings';

export interface RecordTextProps {
  text: string;
  /** Characters shown before the text is cut with … (a marker counts as one). */
  max?: number;
  'data-testid'?: string;
}

const MARKER_STYLE: CSSProperties = {
  display: 'inline-block',
  margin: '0 1px',
  padding: '0 3px',
  borderRadius: 3,
  fontSize: '0.8em',
  lineHeight: 1.3,
  fontFamily: 'monospace',
  color: 'var(--mantine-color-dimmed)',
  background: 'var(--mantine-color-gray-1)',
  border: '1px solid var(--mantine-color-gray-4)',
};

/** The segments that fit in `max` characters, and whether anything was left out. */
export function cutSegments(
  segments: readonly TextSegment[],
  max: number,
): { shown: TextSegment[]; cut: boolean } {
  const shown: TextSegment[] = [];
  let room = max;
  for (const seg of segments) {
    if (room <= 0) return { shown, cut: true };
    if (seg.kind === 'hidden') {
      shown.push(seg);
      room -= 1;
      continue;
    }
    const chars = Array.from(seg.text);
    if (chars.length <= room) {
      shown.push(seg);
      room -= chars.length;
    } else {
      shown.push({ kind: 'text', text: chars.slice(0, room).join('') });
      return { shown, cut: true };
    }
  }
  return { shown, cut: false };
}

export function RecordText({ text, max, 'data-testid': testId }: RecordTextProps) {
  const segments = textSegments(text);
  const { shown, cut } =
    max === undefined ? { shown: segments, cut: false } : cutSegments(segments, max);
  return (
    <bdi data-record-text="" data-testid={testId} title={cut ? markedText(text) : undefined}>
      {shown.map((seg, i) =>
        seg.kind === 'text' ? (
          <Fragment key={i}>{seg.text}</Fragment>
        ) : (
          <span
            key={i}
            data-hidden-char={seg.code}
            style={MARKER_STYLE}
            title={t.recordText.hiddenHint(seg.code)}
          >
            {markerOf(seg.code)}
          </span>
        ),
      )}
      {cut ? '…' : null}
    </bdi>
  );
}
