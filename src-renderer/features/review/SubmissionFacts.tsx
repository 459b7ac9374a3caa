import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { PackageFile } from '../../../src-shared/records/records';
import { formatDateTime } from '../../../src-shared/time';
import { programLabels, t } from '../../app/strings';
import type { ReviewContext } from './loadReviewItem';
import { RecordText } from '../../components/RecordText';
import { labelFiles } from '../../components/reader/fileLabels';

const s = t.review.facts;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Fact({ label, value, record }: { label: string; value: string; record?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{record ? <RecordText text={value} max={40} /> : value}</Text>
    </div>
  );
}

/** What the expert needs to know about the outcome before scoring it (and to judge a conflict). */
export function SubmissionFacts({ ctx }: { ctx: ReviewContext }) {
  const { submission, trainee, klass, organizer, files, assignment } = ctx;
  const fileLabels = labelFiles(files);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4} data-testid="submission-title">
            <RecordText text={submission.title} max={80} />
          </Title>
          {/* Its own width, not a share of the title's: a squeezed badge read 创业计… */}
          <Badge variant="outline" style={{ flexShrink: 0 }} data-testid="submission-kind">
            {t.review.kinds[submission.kind]}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs">
          <Fact label={s.trainee} value={trainee?.name ?? submission.traineeId} record />
          <Fact label={s.klass} value={klass?.name ?? submission.classId} record />
          <Fact label={s.program} value={klass ? programLabels[klass.program] : '—'} />
          <Fact label={s.organizer} value={organizer?.name ?? '—'} record />
          <Fact label={s.submittedAt} value={formatDateTime(submission.submittedAt)} />
          {assignment.dueAt && <Fact label={s.due} value={assignment.dueAt} />}
        </SimpleGrid>
        <div>
          <Text size="xs" c="dimmed">
            {s.files}
          </Text>
          <List size="sm" spacing={2} data-testid="submission-files">
            {files.map((f) => (
              <List.Item key={f.id}>
                <FileLine file={f} label={fileLabels.get(f.id) ?? ''} />
              </List.Item>
            ))}
          </List>
        </div>
      </Stack>
    </Card>
  );
}

function FileLine({ file, label }: { file: PackageFile & { location?: string }; label: string }) {
  const where =
    file.location === 'missing'
      ? { label: s.fileMissing, color: 'red' }
      : file.location === 'external'
        ? { label: s.fileExternal, color: 'gray' }
        : { label: s.fileInPackage, color: 'gray' };
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-file-path={file.path}>
        {label}
      </Text>
      <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
        {sizeLabel(file.size)}
      </Text>
      <Badge size="xs" variant="light" color={where.color} style={{ flexShrink: 0 }}>
        {where.label}
      </Badge>
    </Group>
  );
}
