// Read-modify-write of a state file must not interleave: tasks given to one queue run one at a
// time, in call order. A task that fails does not stop the ones queued after it.
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
