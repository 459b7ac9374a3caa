// The role, as four radio buttons rather than a drop-down: every choice is visible at once, one
// click picks it, arrow keys move through it, and the first screen does not carry a popover
// (Select brings floating-ui and the combobox with it, which the picker paid for on every start).
import { Group, Radio } from '@mantine/core';
import { roles, type Role } from '../../../src-shared/profiles/roles';
import { roleLabels } from '../../app/strings';

export function RoleChoice({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  testId: string;
}) {
  return (
    <Radio.Group
      label={label}
      value={value}
      onChange={(v) => onChange(v as Role)}
      data-testid={testId}
    >
      <Group gap="md" mt={6}>
        {roles.map((r) => (
          <Radio key={r} value={r} label={roleLabels[r]} />
        ))}
      </Group>
    </Radio.Group>
  );
}
