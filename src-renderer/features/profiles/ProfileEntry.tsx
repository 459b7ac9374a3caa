// One person in the picker's list: choosing the entry opens the profile (or asks for its
// passphrase right under it), the ✕ beside it deletes it after confirmation.
import { ActionIcon, Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { Ref } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { roleLabels, t } from '../../app/strings';

export function ProfileEntry(props: {
  profile: Profile;
  /** Its passphrase form is open under it. */
  asking: boolean;
  onChoose: () => void;
  onDelete: () => void;
  entryRef: Ref<HTMLButtonElement>;
}) {
  const { profile: p, asking, onChoose, onDelete, entryRef } = props;
  return (
    <Group gap="xs" wrap="nowrap">
      <UnstyledButton
        ref={entryRef}
        onClick={onChoose}
        aria-expanded={asking}
        data-testid="profile-entry"
        p="sm"
        flex={1}
        // Without it the row grows to its name's full width and pushes the role badges and the
        // delete button out of the card; the name is cut instead.
        miw={0}
        style={{
          border: `1px solid var(--mantine-color-${asking ? 'indigo-4' : 'gray-3'})`,
          borderRadius: 4,
        }}
      >
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500} truncate title={p.name}>
            {p.name}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {p.demo && (
              <Badge variant="filled" color="orange">
                {t.packageImport.demoBadge}
              </Badge>
            )}
            <Badge variant="light">{roleLabels[p.role]}</Badge>
          </Group>
        </Group>
      </UnstyledButton>
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        aria-label={`${t.profile.delete} ${p.name}`}
        onClick={onDelete}
        data-testid="profile-delete"
      >
        ✕
      </ActionIcon>
    </Group>
  );
}
