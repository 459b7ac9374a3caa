/** The list and the detail scroll on their own below the header, the report line and the tabs. */
export const PANEL_PANE_HEIGHT = 'calc(100vh - 230px)';
