/** Both panes of 评审任务 scroll on their own so the list and the form stay side by side; the
 * rest of the height is the header (taller with the 演示 banner, hence Mantine's variable), the
 * title row and the queue filters. */
export const PANE_HEIGHT = 'calc(100vh - var(--app-shell-header-height, 56px) - 140px)';

/** Room kept free above the review form's sticky action bar when a field scrolls into view. */
export const REVIEW_BAR_ROOM = 200;
