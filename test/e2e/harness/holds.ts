// Points where a spec can hold the harness still, so a test of "cancel while it runs" does not
// depend on how fast this machine is. A hold is armed before the action, `reached` resolves when
// the work arrives at it, and nothing passes until `release()` (or, for a package, until the
// job is cancelled). Only the harness has these; the handlers themselves run unchanged.
import path from 'node:path';
import type {
  OpenPackageOptions,
  OpenPackageResult,
} from '../../../src-main/services/packages/open';
import { packageErrors } from '../../../src-shared/records/packageErrors';

export interface Hold {
  /** Resolves once the held work has arrived at the hold. */
  reached: Promise<void>;
  release(): void;
}

interface Armed {
  reach: () => void;
  released: Promise<void>;
}

function arm(): { hold: Hold; armed: Armed } {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const released = new Promise<void>((r) => (release = r));
  return { hold: { reached, release }, armed: { reach, released } };
}

export class HarnessHolds {
  private readonly channels = new Map<string, Armed[]>();
  private readonly packages: Armed[] = [];

  /** Holds the next IPC message on `channel` before main sees it. */
  holdChannel(channel: string): Hold {
    const { hold, armed } = arm();
    const list = this.channels.get(channel) ?? [];
    list.push(armed);
    this.channels.set(channel, list);
    return hold;
  }

  /**
   * Holds the next package verification after it has really run (its progress is what the page
   * shows), until released or cancelled; a cancel answers `cancelled` as the real one does.
   */
  holdPackageResult(): Hold {
    const { hold, armed } = arm();
    this.packages.push(armed);
    return hold;
  }

  async beforeDispatch(channel: string): Promise<void> {
    const armed = this.channels.get(channel)?.shift();
    if (!armed) return;
    armed.reach();
    await armed.released;
  }

  wrapOpen(
    open: (path: string, options: OpenPackageOptions) => Promise<OpenPackageResult>,
  ): (path: string, options: OpenPackageOptions) => Promise<OpenPackageResult> {
    return async (filePath, options) => {
      const result = await open(filePath, options);
      const armed = this.packages.shift();
      if (!armed) return result;
      armed.reach();
      const signal = options.signal;
      const aborted = new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        else signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      await Promise.race([armed.released, aborted]);
      if (signal?.aborted)
        return { ok: false, ...packageErrors.cancelled(path.basename(filePath)) };
      return result;
    };
  }
}
