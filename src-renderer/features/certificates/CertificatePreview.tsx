// Page 1 of a batch, drawn from the same document data the PDF writer draws (positions in mm),
// so the preview shows what will print. The PDF embeds the certificate font; the preview uses
// the page's serif fonts, which is close enough to check placement and content.
import { Paper } from '@mantine/core';
import { useMemo } from 'react';
import { qrModules } from '../../../src-shared/certificates/qrMatrix';
import type { DocPageWire } from '../../../src-shared/ipc/certificates';

const PT_TO_MM = 25.4 / 72;

function QrPath({ payload, x, y, size }: { payload: string; x: number; y: number; size: number }) {
  const d = useMemo(() => {
    // The quiet zone is part of the matrix, as in the PDF: the symbol sits where it will print.
    const rows = qrModules(payload);
    const n = rows.length;
    const cell = size / n;
    let path = '';
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++)
        if (rows[r]![c]) path += `M${x + c * cell} ${y + r * cell}h${cell}v${cell}h${-cell}z`;
    return path;
  }, [payload, x, y, size]);
  return <path d={d} fill="#000" />;
}

export function CertificatePreview({ page }: { page: DocPageWire }) {
  return (
    <Paper withBorder shadow="xs" p={0} data-testid="certificate-preview">
      <svg
        viewBox={`0 0 ${page.widthMm} ${page.heightMm}`}
        width="100%"
        role="img"
        aria-label={`${page.name ?? ''} ${page.number ?? ''}`}
        style={{ display: 'block', background: '#fffdf7' }}
      >
        {page.items.map((item, i) => {
          if (item.kind === 'text')
            return (
              <text
                key={i}
                x={item.xMm}
                y={item.yMm}
                fontSize={item.sizePt * PT_TO_MM}
                textAnchor={item.align === 'center' ? 'middle' : 'start'}
                fontFamily="'Noto Serif SC', 'Noto Serif CJK SC', serif"
                fill="#1a1a1f"
              >
                {item.text}
              </text>
            );
          if (item.kind === 'qr')
            return (
              <QrPath key={i} payload={item.payload} x={item.xMm} y={item.yMm} size={item.sizeMm} />
            );
          return (
            <line
              key={i}
              x1={item.x1Mm}
              y1={item.y1Mm}
              x2={item.x2Mm}
              y2={item.y2Mm}
              stroke="#777"
              strokeWidth={item.widthPt * PT_TO_MM}
            />
          );
        })}
      </svg>
    </Paper>
  );
}
