// One ProfileSessions per MainContext, shared by the keys, sync and profiles handlers: the lock
// state must be the same object whichever channel asks. Keyed on the context so handler tests
// that build their own context get their own, fresh state.
import { ProfileSessions } from '../services/profiles/sessions';
import type { MainContext } from './context';
import { keyStoreConfig, type KeyOptions } from './keyFiles';

const byContext = new WeakMap<MainContext, ProfileSessions>();

export function sessionsFor(ctx: MainContext, opts: KeyOptions = {}): ProfileSessions {
  let sessions = byContext.get(ctx);
  if (!sessions) {
    sessions = new ProfileSessions(keyStoreConfig(ctx, opts), () =>
      (opts.now?.() ?? new Date()).getTime(),
    );
    byContext.set(ctx, sessions);
  }
  return sessions;
}
