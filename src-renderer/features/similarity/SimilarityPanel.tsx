import { Alert, Button, Group, List, Loader, Progress, Stack, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { formatDateTime } from '../../../src-shared/time';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice, TechnicalDetails } from '../../components/ErrorNotice';
import { isolated } from '../../../src-shared/records/visibleText';
import { PairCard } from './PairCard';
import {
  startPrecheck,
  type PrecheckRun,
  type PrecheckState,
  type WorkerLike,
} from './precheckFlow';
import { loadSimilarityView, type SimilarityRole } from './scope';

const s = t.similarity;

const makeWorker = (): WorkerLike =>
  new Worker(new URL('./similarity.worker.ts', import.meta.url), {
    type: 'module',
    name: 'similarity',
  });

function Running({
  state,
  onCancel,
}: {
  state: PrecheckState & { kind: 'running' };
  onCancel: () => void;
}) {
  const value = state.total === 0 ? 100 : (state.done / state.total) * 100;
  return (
    <Stack gap={4} data-testid="similarity-progress">
      <Group justify="space-between">
        <Text size="sm">
          {state.phase === 'compare' ? s.comparing : s.extracting(state.done, state.total)}
        </Text>
        <Button
          size="compact-sm"
          variant="default"
          onClick={onCancel}
          data-testid="similarity-cancel"
        >
          {s.cancel}
        </Button>
      </Group>
      <Progress value={value} animated />
      {state.current && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {s.current(state.current)}
        </Text>
      )}
    </Stack>
  );
}

/** 相似度预检: run the pre-check of the current package and list the pairs that concern me. */
export function SimilarityPanel({ profile, role }: { profile: Profile; role: SimilarityRole }) {
  const db = useDb();
  const view = useLiveQuery(() => loadSimilarityView(db, profile.id, role), [db, profile.id, role]);
  const [state, setState] = useState<PrecheckState | null>(null);
  const run = useRef<PrecheckRun | null>(null);
  // Closing the view stops a running pre-check; texts extracted so far stay cached.
  useEffect(() => () => run.current?.cancel(), []);

  if (!view) return <Loader size="sm" />;
  if (!view.pkg) return <Alert color="yellow">{s.noPackage}</Alert>;
  if (!view.expertId) return <Alert color="yellow">{s.noExpert}</Alert>;
  const pkg = view.pkg;
  const running = state?.kind === 'running';
  const start = () => {
    run.current = startPrecheck(db, pkg.packageId, makeWorker, setState);
  };
  const last = view.last;
  const pairs = (last?.result.pairs ?? []).filter((p) => view.mine.has(p.a) || view.mine.has(p.b));
  const failures = (last?.failures ?? []).filter((f) => view.mine.has(f.submissionId));
  const threshold = 0.3;

  return (
    <Stack gap="sm" data-testid="similarity-panel">
      <Text size="sm" c="dimmed">
        {s.intro} {role === 'expert' ? s.scopeExpert : s.scopeChair}
      </Text>
      <Group justify="space-between">
        <Text size="sm" data-testid="similarity-last">
          {last ? s.lastRun(formatDateTime(last.ranAt), last.result.docs.length) : s.never}
        </Text>
        <Button onClick={start} disabled={running} data-testid="similarity-run">
          {last ? s.rerun : s.run}
        </Button>
      </Group>
      {state?.kind === 'running' && (
        <Running state={state} onCancel={() => run.current?.cancel()} />
      )}
      {state?.kind === 'cancelled' && (
        <Alert color="gray" data-testid="similarity-cancelled">
          {s.cancelled}
        </Alert>
      )}
      {state?.kind === 'error' && (
        <ErrorNotice
          error={{ message: state.message, ...(state.detail ? { detail: state.detail } : {}) }}
          data-testid="similarity-error"
        />
      )}
      {last && last.envelopeHash !== pkg.envelopeHash && <Alert color="yellow">{s.stale}</Alert>}
      {last && (
        <>
          <Text fw={600} data-testid="similarity-count">
            {pairs.length > 0 ? s.pairsFound(pairs.length) : s.none(threshold)}
          </Text>
          {pairs.map((p, i) => (
            <PairCard
              key={`${p.a}|${p.b}`}
              pair={p}
              labels={view.labels}
              mine={view.mine}
              mineLabel={role === 'expert' ? s.mine : s.ours}
              initiallyOpen={i === 0}
            />
          ))}
          {failures.length > 0 && (
            <Alert
              color="orange"
              title={s.failuresTitle(failures.length)}
              data-testid="similarity-failures"
            >
              <List size="sm">
                {failures.map((f) => {
                  const label = view.labels.get(f.submissionId);
                  const plan = label
                    ? `${isolated(label.trainee)}《${isolated(label.title)}》`
                    : s.unknownSubmission(f.submissionId);
                  return (
                    <List.Item key={f.submissionId} data-testid="similarity-failure">
                      <Text size="sm">{s.failureLine(plan, f.message)}</Text>
                      <TechnicalDetails
                        text={[s.fileLabel(f.fileLabel), f.detail].filter(Boolean).join('\n')}
                      />
                    </List.Item>
                  );
                })}
              </List>
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}
