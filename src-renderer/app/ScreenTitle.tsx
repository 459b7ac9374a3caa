import { Title } from '@mantine/core';
import type { Screen } from '../../src-shared/profiles/roles';
import { screenLabels } from './strings';

/** The one h1 of a screen (the axe spec checks each screen has one), drawn at h3 size. */
export function ScreenTitle({ screen }: { screen: Screen }) {
  return (
    <Title order={1} size="h3">
      {screenLabels[screen]}
    </Title>
  );
}
