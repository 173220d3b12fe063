// One profile: its details and the choices it records for each question of
// the profile template. Names and descriptions are the author's: text only.
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { Session } from '../../api/client';
import { getProfile } from '../../api/gen/ops';
import { ErrorAlert, useAsync } from '../../components/common';
import { date } from '../../format';
import { followLink, href } from '../../router';

export function ProfileDetail({ arn, session }: { arn: string; session: Session }) {
  const p = useAsync(() => getProfile({ ProfileArn: arn }).then((r) => r.Profile), [arn]);
  const prof = p.data;
  const mine = prof?.Owner === session.accountId;
  return (
    <SpaceBetween size="l">
      <BreadcrumbGroup items={[{ text: 'Profiles', href: '#/profiles' }, { text: prof?.ProfileName ?? 'Profile', href: href('profiles', arn) }]} onFollow={followLink} ariaLabel="Breadcrumbs" />
      <ErrorAlert error={p.error} />
      <Header
        variant="h1"
        description={prof?.ProfileDescription}
        actions={
          mine && (
            <Button href={href('profiles', arn, 'edit')} onFollow={followLink}>
              Edit
            </Button>
          )
        }
      >
        {prof?.ProfileName ?? 'Profile'}
      </Header>
      {prof && (
        <Container header={<Header variant="h2">Profile details</Header>}>
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Version', value: prof.ProfileVersion ?? '-' },
              { label: 'Owner', value: prof.Owner ?? '-' },
              { label: 'Updated', value: date(prof.UpdatedAt) },
              { label: 'ARN', value: prof.ProfileArn },
            ]}
          />
        </Container>
      )}
      {prof && (
        <Container header={<Header variant="h2">Profile questions</Header>}>
          <SpaceBetween size="m">
            {(prof.ProfileQuestions ?? []).map((q) => {
              const chosen = (q.QuestionChoices ?? []).filter((c) => c.ChoiceId && (q.SelectedChoiceIds ?? []).includes(c.ChoiceId));
              return (
                <div key={q.QuestionId}>
                  <Box variant="awsui-key-label">{q.QuestionTitle ?? q.QuestionId}</Box>
                  <Box>{chosen.length ? chosen.map((c) => c.ChoiceTitle ?? c.ChoiceId).join(', ') : 'None selected'}</Box>
                </div>
              );
            })}
          </SpaceBetween>
        </Container>
      )}
    </SpaceBetween>
  );
}
