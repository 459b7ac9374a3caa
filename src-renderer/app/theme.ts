import { createTheme } from '@mantine/core';

// System CJK fonts first: the renderer loads no remote fonts and ships none for the UI.
export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily:
    '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", system-ui, sans-serif',
  headings: { fontFamily: 'inherit' },
  defaultRadius: 'sm',
});
