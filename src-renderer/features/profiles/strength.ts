// Passphrase strength as the person types, from zxcvbn-ts with its common-password dictionary
// and keyboard graphs. The estimator (and its dictionaries, several hundred KB) is loaded on
// first use, so start-up does not pay for it. Only the score is shown; main still enforces the
// minimum length, which is the rule, while the meter is advice.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

let estimator: Promise<ZxcvbnFactory> | null = null;

function load(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({
        dictionary: common.dictionary,
        graphs: common.adjacencyGraphs,
      }),
  );
  return estimator;
}

/** 0 (guessable in seconds) to 4 (very strong); the person's name counts as guessable. */
export async function passphraseScore(value: string, userInputs: string[]): Promise<number> {
  if (value.length === 0) return 0;
  return (await load()).check(value, userInputs).score;
}
