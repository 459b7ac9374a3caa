import {
  Button,
  Card,
  Center,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  Badge,
  Checkbox,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { roles, type Role } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { appName, roleLabels, t } from '../../app/strings';
import { createProfile, selectProfile } from './profiles';

export function ProfilePicker() {
  const db = useDb();
  const profiles = useLiveQuery(() => db.profiles.orderBy('name').toArray(), [db]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('expert');
  const [district, setDistrict] = useState('');
  const [demo, setDemo] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await createProfile(db, { name, role, district, ...(demo ? { demo } : {}) });
    if (!result.ok) setError(result);
  };

  return (
    <Center mih="100vh" p="xl" bg="gray.0" data-testid="profile-picker">
      <Stack w={480} gap="lg">
        <Stack gap={4}>
          <Text c="blue.8" fw={600}>
            {appName}
          </Text>
          <Title order={2}>{t.profile.title}</Title>
          <Text c="dimmed" size="sm">
            {t.profile.intro}
          </Text>
        </Stack>
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            {t.profile.existing}
          </Title>
          {profiles && profiles.length === 0 && <Text c="dimmed">{t.profile.none}</Text>}
          <Stack gap="xs">
            {profiles?.map((p) => (
              <UnstyledButton
                key={p.id}
                onClick={() => void selectProfile(db, p.id)}
                data-testid="profile-entry"
                p="sm"
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
              >
                <Group justify="space-between">
                  <Text fw={500}>{p.name}</Text>
                  <Group gap={4}>
                    {p.demo && (
                      <Badge variant="light" color="orange">
                        {t.packageImport.demoBadge}
                      </Badge>
                    )}
                    <Badge variant="light">{roleLabels[p.role]}</Badge>
                  </Group>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Card>
        <Card withBorder padding="lg" component="form" onSubmit={(e: FormEvent) => void submit(e)}>
          <Title order={4} mb="sm">
            {t.profile.create}
          </Title>
          <Stack>
            <TextInput
              label={t.profile.name}
              placeholder={t.profile.namePlaceholder}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.field === 'name' ? error.message : undefined}
              data-autofocus
              autoFocus
              required
            />
            <Select
              label={t.profile.role}
              data={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
              value={role}
              onChange={(v) => v && setRole(v as Role)}
              allowDeselect={false}
              data-testid="role-select"
            />
            <TextInput
              label={t.profile.district}
              placeholder={t.profile.districtPlaceholder}
              value={district}
              onChange={(e) => setDistrict(e.currentTarget.value)}
            />
            <Checkbox
              label={t.packageImport.demoProfileLabel}
              description={t.packageImport.demoProfileHint}
              checked={demo}
              onChange={(e) => setDemo(e.currentTarget.checked)}
              data-testid="profile-demo"
            />
            <Button type="submit">{t.profile.submit}</Button>
          </Stack>
        </Card>
      </Stack>
    </Center>
  );
}
