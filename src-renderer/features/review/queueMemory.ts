// What the expert had open on 评审任务 — the selected item and the list's filters — kept while
// the app runs, so switching to 同步 and back lands on the same item. Per profile, in memory
// only: a restart starts from the top of the list.
import type { QueueView } from './queue';

export interface QueueMemory {
  selected: string | null;
  view: QueueView;
}

const memory = new Map<string, QueueMemory>();

export const recallQueue = (profileId: string): QueueMemory | undefined => memory.get(profileId);

export function rememberQueue(profileId: string, state: QueueMemory): void {
  memory.set(profileId, state);
}
