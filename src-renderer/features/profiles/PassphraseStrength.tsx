import { Progress, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { t } from '../../app/strings';
import { passphraseScore } from './strength';

const colors = ['red', 'orange', 'yellow', 'teal', 'green'] as const;

/** The meter under a new passphrase, updated as each character is typed. */
export function PassphraseStrength({ value, userInputs }: { value: string; userInputs: string[] }) {
  const [scored, setScored] = useState<{ value: string; score: number } | null>(null);
  const inputs = userInputs.join('\n');
  useEffect(() => {
    let live = true;
    if (value.length > 0) {
      void passphraseScore(value, inputs.split('\n')).then((score) => {
        if (live) setScored({ value, score });
      });
    }
    return () => {
      live = false;
    };
  }, [value, inputs]);
  // Only the score of what is typed now; a stale one would praise a passphrase just shortened.
  const score = scored && scored.value === value && value.length > 0 ? scored.score : null;
  if (score === null) return null;
  return (
    <div data-testid="passphrase-strength" data-score={score}>
      <Progress value={(score + 1) * 20} color={colors[score]} size="sm" />
      <Text size="xs" c={colors[score]} mt={4}>
        {t.profile.strengthLabel(t.profile.strength[score] ?? '')}
      </Text>
    </div>
  );
}
