/** Both panes of 评审任务 scroll on their own so the list and the form stay side by side; the
 * rest of the height is the header, the title row and the queue filters. */
export const PANE_HEIGHT = 'calc(100vh - 196px)';
