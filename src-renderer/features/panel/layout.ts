/** The list and the detail scroll on their own below the header (taller with the 演示 banner,
 * hence Mantine's variable), the report line and the tabs. */
export const PANEL_PANE_HEIGHT = 'calc(100vh - var(--app-shell-header-height, 56px) - 174px)';
