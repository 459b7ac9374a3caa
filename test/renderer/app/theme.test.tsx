import { MantineProvider, Modal, Pagination, PasswordInput } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { theme } from '../../../src-renderer/app/theme';

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(<MantineProvider theme={theme}>{node}</MantineProvider>);

describe('the theme names icon-only controls once for every screen', () => {
  it('gives pagination arrows their Chinese names (set without importing Pagination)', () => {
    const html = render(<Pagination total={5} withEdges />);
    for (const name of ['第一页', '上一页', '下一页', '最后一页'])
      expect(html).toContain(`aria-label="${name}"`);
  });

  it('names every dialog close button through CloseButton (Modal is not imported by the theme)', () => {
    const html = render(
      <Modal opened onClose={() => {}} title="标题" withinPortal={false}>
        内容
      </Modal>,
    );
    expect(html).toContain('aria-label="关闭"');
  });

  it('names the passphrase visibility toggle', () => {
    expect(render(<PasswordInput label="口令" />)).toContain('aria-label="显示或隐藏口令"');
  });
});
