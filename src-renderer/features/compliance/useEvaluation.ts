// Runs the policy engine on the current package, once per (package version, evaluation day):
// the result is cached, so switching screens or tabs does not re-run it. The run is deferred a
// frame so the loader is painted before the (synchronous) engine takes the thread.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { evaluatePackage, type PackageEvaluation } from '../../../src-shared/policy/engine';
import type { WorkstationDb } from '../../db/db';
import { loadCheckInput, type CheckInput } from '../../db/checkInput';

export type EvaluationState =
  | { phase: 'loading' }
  | { phase: 'empty' }
  | { phase: 'ready'; input: CheckInput; evaluation: PackageEvaluation }
  | { phase: 'failed'; message: string };

const cache = new Map<string, { input: CheckInput; evaluation: PackageEvaluation }>();
const CACHE_LIMIT = 4;

function remember(key: string, value: { input: CheckInput; evaluation: PackageEvaluation }) {
  cache.set(key, value);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function useEvaluation(db: WorkstationDb, asOf: string): EvaluationState {
  // Re-runs when a package is imported or updated (its envelope hash changes).
  const pkg = useLiveQuery(
    async () => (await db.packages.orderBy('importedAt').last()) ?? null,
    [db],
  );
  // And when the panel chair records a decision (decisions are append-only: the count moves).
  const decisions = useLiveQuery(() => db.panelDecisions.count(), [db]);
  const pkgKey =
    pkg === undefined || decisions === undefined
      ? undefined
      : pkg
        ? `${pkg.packageId}:${pkg.envelopeHash}:${decisions}`
        : '';
  const key = pkgKey ? `${pkgKey}|${asOf}` : pkgKey;
  // The last run's outcome, tagged with what it was run for; the phase is derived below so
  // the effect only ever sets state from the async run.
  const [run, setRun] = useState<{ key: string; state: EvaluationState } | null>(null);

  useEffect(() => {
    if (!key || cache.has(key)) return;
    let live = true;
    void (async () => {
      let state: EvaluationState;
      try {
        const input = await loadCheckInput(db);
        if (!input) state = { phase: 'empty' };
        else {
          await nextFrame();
          if (!live) return;
          const evaluation = evaluatePackage(input.records, {
            asOf,
            files: input.files,
            inputs: input.inputs,
            packs: input.packs,
          });
          remember(key, { input, evaluation });
          state = { phase: 'ready', input, evaluation };
        }
      } catch (e) {
        state = { phase: 'failed', message: (e as Error).message };
      }
      if (live) setRun({ key, state });
    })();
    return () => {
      live = false;
    };
  }, [db, key, asOf]);

  if (key === undefined) return { phase: 'loading' };
  if (key === '') return { phase: 'empty' };
  const hit = cache.get(key);
  if (hit) return { phase: 'ready', ...hit };
  if (run?.key === key) return run.state;
  return { phase: 'loading' };
}
