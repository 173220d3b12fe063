// One review template: its details and, per lens, how many of its
// questions the template answers per pillar, with the way in to answer them.
import { useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { getReviewTemplate, getReviewTemplateLensReview } from '../../api/gen/ops';
import type { QuestionCounts } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { date } from '../../format';
import { followLink, href } from '../../router';
import { LensStatusText } from '../lenses/display';
import { UpdateStatusText } from './Templates';
import { EditTemplate } from './EditTemplate';

const answered = (c?: QuestionCounts) => `${c?.ANSWERED ?? 0}/${(c?.ANSWERED ?? 0) + (c?.UNANSWERED ?? 0)}`;

export function TemplateDetail({ arn }: { arn: string }) {
  const t = useAsync(() => getReviewTemplate({ TemplateArn: arn }).then((r) => r.ReviewTemplate), [arn]);
  const tpl = t.data;
  const [editing, setEditing] = useState(false);
  return (
    <SpaceBetween size="l">
      <BreadcrumbGroup
        items={[{ text: 'Review templates', href: '#/templates' }, { text: tpl?.TemplateName ?? 'Template', href: href('templates', arn) }]}
        onFollow={followLink}
        ariaLabel="Breadcrumbs"
      />
      <ErrorAlert error={t.error} />
      <Header
        variant="h1"
        description={tpl?.Description}
        actions={
          tpl &&
          !tpl.ShareInvitationId && (
            <Button onClick={() => setEditing(true)} data-testid="edit-template">
              Edit
            </Button>
          )
        }
      >
        {tpl?.TemplateName ?? 'Review template'}
      </Header>
      {editing && tpl && (
        <EditTemplate
          tpl={tpl}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            t.reload();
          }}
        />
      )}
      {tpl && (
        <Container header={<Header variant="h2">Template details</Header>}>
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Questions answered', value: <span data-testid="template-answered">{answered(tpl.QuestionCounts)}</span> },
              { label: 'Update status', value: <UpdateStatusText status={tpl.UpdateStatus} /> },
              { label: 'Owner', value: tpl.Owner ?? '-' },
              { label: 'Updated', value: date(tpl.UpdatedAt) },
              { label: 'Notes', value: tpl.Notes || '-' },
              { label: 'ARN', value: tpl.TemplateArn },
            ]}
          />
        </Container>
      )}
      {(tpl?.Lenses ?? []).map((alias) => (
        <TemplateLens key={alias} arn={arn} alias={alias} />
      ))}
    </SpaceBetween>
  );
}

function TemplateLens({ arn, alias }: { arn: string; alias: string }) {
  const r = useAsync(() => getReviewTemplateLensReview({ TemplateArn: arn, LensAlias: alias }).then((x) => x.LensReview), [arn, alias]);
  const lr = r.data;
  return (
    <SpaceBetween size="s">
      <ErrorAlert error={r.error} />
      <Table
        header={
          <Header
            variant="h2"
            description={lr ? `Version ${lr.LensVersion ?? '-'} · ${answered(lr.QuestionCounts)} questions answered` : undefined}
            info={lr && <LensStatusText status={lr.LensStatus} />}
            actions={
              <Button variant="primary" href={href('templates', arn, 'lens', alias)} onFollow={followLink} data-testid="answer-template">
                Answer questions
              </Button>
            }
          >
            {lr?.LensName ?? alias}
          </Header>
        }
        loading={r.loading}
        loadingText="Loading the lens review"
        items={lr?.PillarReviewSummaries ?? []}
        trackBy="PillarId"
        empty={<Box textAlign="center">No pillars.</Box>}
        columnDefinitions={[
          { id: 'pillar', header: 'Pillar', cell: (p) => p.PillarName },
          { id: 'answered', header: 'Questions answered', cell: (p) => answered(p.QuestionCounts) },
          { id: 'notes', header: 'Notes', cell: (p) => p.Notes || '-' },
        ]}
      />
    </SpaceBetween>
  );
}
