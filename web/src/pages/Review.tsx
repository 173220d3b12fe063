// Review: answer a lens's questions. Left, the questions per pillar; right,
// the question with its best practices, whose help opens in the help panel.
// Every change is saved at once and the question's risk shown as the API
// evaluates it.
import { useEffect, useMemo, useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Grid from '@cloudscape-design/components/grid';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { getLensReview, getSuggestedAnswers, getWorkload, listAnswers } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { Answer, AnswerSummary } from '../api/gen/types';
import { ErrorAlert, useAsync } from '../components/common';
import { followLink, href, navigate } from '../router';
import { ReviewNav } from './reviewNav';
import { Question } from './reviewQuestion';
import { usePageHelp } from '../help/context';
import { questionTopic } from '../help/lensHelp';

export function Review({ id, lens, question }: { id: string; lens: string; question?: string }) {
  const w = useAsync(() => getWorkload({ WorkloadId: id }).then((r) => r.Workload), [id]);
  const review = useAsync(() => getLensReview({ WorkloadId: id, LensAlias: lens }).then((r) => r.LensReview), [id, lens]);
  const list = useAsync(() => allPages((NextToken) => listAnswers({ WorkloadId: id, LensAlias: lens, NextToken, MaxResults: 50 }), 'AnswerSummaries'), [id, lens]);
  const [summaries, setSummaries] = useState<AnswerSummary[]>([]);
  const [shown, setShown] = useState<Answer>();
  const evidence = useAsync(() => getSuggestedAnswers({ WorkloadId: id, LensAlias: lens }).catch(() => undefined), [id, lens]);
  useEffect(() => setSummaries(list.data ?? []), [list.data]);
  const pillarParam = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('pillar');
  const qid = question ?? (pillarParam ? summaries.find((a) => a.PillarId === pillarParam)?.QuestionId : undefined) ?? summaries[0]?.QuestionId;
  const index = summaries.findIndex((a) => a.QuestionId === qid);
  const suggestion = evidence.data?.SuggestedAnswers?.find((s) => s.QuestionId === qid);
  const base = ['workloads', id, 'lens', lens, 'review'];
  const go = (i: number) => summaries[i] && navigate(href(...base, summaries[i].QuestionId!));
  // The help panel's toggle opens the question on screen; the previous
  // question's help stays until the next one has loaded, so an open panel
  // does not close in between.
  usePageHelp(useMemo(() => shown && questionTopic(shown), [shown]));

  return (
    <SpaceBetween size="m">
      <BreadcrumbGroup
        items={[
          { text: 'Workloads', href: '#/workloads' },
          { text: w.data?.WorkloadName ?? id, href: href('workloads', id) },
          { text: review.data?.LensName ?? lens, href: href('workloads', id, 'lens', lens) },
          { text: 'Review', href: href(...base) },
        ]}
        onFollow={followLink}
      />
      <ErrorAlert error={list.error ?? review.error ?? w.error} />
      <Grid gridDefinition={[{ colspan: { default: 12, xs: 4, m: 3 } }, { colspan: { default: 12, xs: 8, m: 9 } }]}>
        <Container header={<Header variant="h3">{review.data?.LensName ?? 'Questions'}</Header>}>
          <ReviewNav pillars={review.data?.PillarReviewSummaries ?? []} answers={summaries} current={qid} base={base} />
        </Container>
        <div>
          {qid && (
            <Question
              key={qid}
              id={id}
              lens={lens}
              qid={qid}
              n={index + 1}
              onAnswer={setShown}
              suggestion={suggestion}
              lensArn={review.data?.LensArn}
              onRisk={(a) =>
                setSummaries((s) =>
                  s.map((x) => (x.QuestionId === a.QuestionId ? { ...x, Risk: a.Risk, SelectedChoices: a.SelectedChoices, IsApplicable: a.IsApplicable } : x)),
                )
              }
              footer={
                <SpaceBetween direction="horizontal" size="xs">
                  <Button onClick={() => navigate(href('workloads', id, 'lens', lens))} data-testid="save-exit">
                    Save and exit
                  </Button>
                  <Button onClick={() => go(index - 1)} disabled={index <= 0} data-testid="previous">
                    Previous
                  </Button>
                  <Button variant="primary" onClick={() => go(index + 1)} disabled={index >= summaries.length - 1} data-testid="next">
                    Next
                  </Button>
                </SpaceBetween>
              }
            />
          )}
        </div>
      </Grid>
    </SpaceBetween>
  );
}

