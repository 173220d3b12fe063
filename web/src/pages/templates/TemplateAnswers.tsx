// Answering a review template's questions for one lens: the questions per
// pillar on the left with their answered marks, the question on the right.
// The look follows the workload review page, in a simpler two-column form.
import { useEffect, useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Grid from '@cloudscape-design/components/grid';
import Header from '@cloudscape-design/components/header';
import Icon from '@cloudscape-design/components/icon';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { getReviewTemplate, getReviewTemplateLensReview, listReviewTemplateAnswers } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import type { ReviewTemplateAnswerSummary } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { followHash, followLink, href, navigate } from '../../router';
import { TemplateQuestion } from './TemplateQuestion';

export function TemplateAnswers({ arn, alias, question }: { arn: string; alias: string; question?: string }) {
  const t = useAsync(() => getReviewTemplate({ TemplateArn: arn }).then((r) => r.ReviewTemplate), [arn]);
  const review = useAsync(() => getReviewTemplateLensReview({ TemplateArn: arn, LensAlias: alias }).then((r) => r.LensReview), [arn, alias]);
  const list = useAsync(
    () => allPages((NextToken) => listReviewTemplateAnswers({ TemplateArn: arn, LensAlias: alias, NextToken, MaxResults: 50 }), 'AnswerSummaries'),
    [arn, alias],
  );
  const [summaries, setSummaries] = useState<ReviewTemplateAnswerSummary[]>([]);
  useEffect(() => setSummaries(list.data ?? []), [list.data]);
  const qid = question ?? summaries[0]?.QuestionId;
  const index = summaries.findIndex((a) => a.QuestionId === qid);
  const base = ['templates', arn, 'lens', alias];
  const go = (i: number) => summaries[i] && navigate(href(...base, summaries[i].QuestionId!));

  return (
    <SpaceBetween size="m">
      <BreadcrumbGroup
        items={[
          { text: 'Review templates', href: '#/templates' },
          { text: t.data?.TemplateName ?? 'Template', href: href('templates', arn) },
          { text: review.data?.LensName ?? alias, href: href(...base) },
        ]}
        onFollow={followLink}
        ariaLabel="Breadcrumbs"
      />
      <ErrorAlert error={list.error ?? review.error ?? t.error} />
      <Grid gridDefinition={[{ colspan: { default: 12, m: 4 } }, { colspan: { default: 12, m: 8 } }]}>
        <Container header={<Header variant="h3">{review.data?.LensName ?? 'Questions'}</Header>}>
          <nav aria-label="Questions">
            <SpaceBetween size="s">
              {(review.data?.PillarReviewSummaries ?? []).map((p) => {
                const qs = summaries.filter((a) => a.PillarId === p.PillarId);
                const done = qs.filter((a) => a.AnswerStatus === 'ANSWERED').length;
                const open = qs.some((a) => a.QuestionId === qid);
                return (
                  <ExpandableSection key={p.PillarId + (open ? '-open' : '')} headerText={`${p.PillarName} (${done}/${qs.length})`} defaultExpanded={open}>
                    <ul style={{ padding: 0, margin: 0 }}>
                      {qs.map((a) => (
                        <li key={a.QuestionId} style={{ listStyle: 'none', margin: '4px 0' }}>
                          <a
                            href={href(...base, a.QuestionId!)}
                            onClick={followHash}
                            aria-current={a.QuestionId === qid ? 'page' : undefined}
                            style={{ fontWeight: a.QuestionId === qid ? 700 : 400, color: 'inherit', textDecoration: a.QuestionId === qid ? 'underline' : 'none' }}
                          >
                            {a.AnswerStatus === 'ANSWERED' ? (
                              <Icon name="status-positive" variant="success" ariaLabel="Answered" />
                            ) : (
                              <Icon name="status-pending" variant="subtle" ariaLabel="Not answered" />
                            )}{' '}
                            {summaries.indexOf(a) + 1}. {a.QuestionTitle}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </ExpandableSection>
                );
              })}
            </SpaceBetween>
          </nav>
        </Container>
        <div>
          {qid ? (
            <TemplateQuestion
              key={qid}
              arn={arn}
              alias={alias}
              qid={qid}
              n={index + 1}
              onSaved={(a) => setSummaries((s) => s.map((x) => (x.QuestionId === a.QuestionId ? { ...x, AnswerStatus: a.AnswerStatus, SelectedChoices: a.SelectedChoices } : x)))}
              footer={
                <SpaceBetween direction="horizontal" size="xs">
                  <Button onClick={() => navigate(href('templates', arn))}>Save and exit</Button>
                  <Button onClick={() => go(index - 1)} disabled={index <= 0}>
                    Previous
                  </Button>
                  <Button variant="primary" onClick={() => go(index + 1)} disabled={index >= summaries.length - 1}>
                    Next
                  </Button>
                </SpaceBetween>
              }
            />
          ) : (
            <Box>{list.loading ? 'Loading questions…' : 'The lens has no questions.'}</Box>
          )}
        </div>
      </Grid>
    </SpaceBetween>
  );
}
