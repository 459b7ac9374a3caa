/** Both panes of 评审任务 scroll on their own so the list and the form stay side by side. */
export const PANE_HEIGHT = 'calc(100vh - 150px)';
