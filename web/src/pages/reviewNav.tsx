// The review's left panel: questions per pillar with Done marks and answered
// counts, and a Prioritized section when a profile is applied.
import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Icon from '@cloudscape-design/components/icon';
import type { AnswerSummary, PillarReviewSummary } from '../api/gen/types';
import { followHash, href } from '../router';

function QuestionLink({ a, n, current, base }: { a: AnswerSummary; n: number; current: boolean; base: string[] }) {
  const done = a.Risk !== undefined && a.Risk !== 'UNANSWERED';
  return (
    <li style={{ listStyle: 'none', margin: '4px 0' }}>
      <a
        href={href(...base, a.QuestionId!)}
        onClick={followHash}
        aria-current={current ? 'page' : undefined}
        style={{ fontWeight: current ? 700 : 400, textDecoration: current ? 'underline' : 'none', color: 'inherit' }}
        data-question={a.QuestionId}
      >
        {done ? <Icon name="status-positive" variant="success" ariaLabel="Done" /> : <Icon name="status-pending" variant="subtle" ariaLabel="Not answered" />} {n}. {a.QuestionTitle}
      </a>
    </li>
  );
}

export function ReviewNav({
  pillars,
  answers,
  current,
  base,
}: {
  pillars: PillarReviewSummary[];
  answers: AnswerSummary[];
  current?: string;
  base: string[];
}) {
  const number = new Map(answers.map((a, i) => [a.QuestionId, i + 1]));
  const prioritized = answers.filter((a) => a.QuestionType === 'PRIORITIZED');
  const done = (as: AnswerSummary[]) => as.filter((a) => a.Risk && a.Risk !== 'UNANSWERED').length;
  return (
    <nav aria-label="Questions">
      <SpaceBetween size="s">
        {prioritized.length > 0 && (
          <ExpandableSection headerText={`Prioritized (${done(prioritized)}/${prioritized.length})`} defaultExpanded>
            <ul style={{ padding: 0, margin: 0 }}>
              {prioritized.map((a) => (
                <QuestionLink key={a.QuestionId} a={a} n={number.get(a.QuestionId)!} current={a.QuestionId === current} base={base} />
              ))}
            </ul>
          </ExpandableSection>
        )}
        {pillars.map((p) => {
          const qs = answers.filter((a) => a.PillarId === p.PillarId);
          const open = qs.some((a) => a.QuestionId === current);
          return (
            <ExpandableSection key={p.PillarId + (open ? "-open" : "")} headerText={`${p.PillarName} (${done(qs)}/${qs.length})`} defaultExpanded={open}>
              <ul style={{ padding: 0, margin: 0 }}>
                {qs.map((a) => (
                  <QuestionLink key={a.QuestionId} a={a} n={number.get(a.QuestionId)!} current={a.QuestionId === current} base={base} />
                ))}
              </ul>
              {qs.length === 0 && <Box variant="small">No questions.</Box>}
            </ExpandableSection>
          );
        })}
      </SpaceBetween>
    </nav>
  );
}
