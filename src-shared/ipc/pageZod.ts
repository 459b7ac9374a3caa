// Imported first by every page entry (the Electron preload, the harness's stand-in for it, the
// renderer), for its effect: the page's CSP has no 'unsafe-eval', and zod 4 compiles an object
// schema with `new Function` the first time it parses unless `jitless` was set before the
// schema was built (each schema reads the flag when it is constructed, so a later call is too
// late for the contract's module-level schemas). Under the CSP the attempt is refused and
// surfaces as a page error. The page parses only small messages; main keeps compiling.
import { z } from 'zod';

z.config({ jitless: true });
