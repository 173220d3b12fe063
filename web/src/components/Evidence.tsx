// Evidence from `wat scan --workload` beside a best practice: whether its
// checks pass, and on demand the checks themselves (ListCheckDetails).
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { listCheckDetails } from '../api/gen/ops';
import type { CheckDetail, SuggestedAnswer } from '../api/gen/types';
import { allPages } from '../api/paginate';
import { ErrorAlert } from './common';
import { date } from '../format';

const statusType = { OKAY: 'success', WARNING: 'warning', ERROR: 'error', NOT_AVAILABLE: 'stopped', FETCH_FAILED: 'error' } as const;
const statusText = { OKAY: 'Passes', WARNING: 'Warning', ERROR: 'Fails', NOT_AVAILABLE: 'No resources', FETCH_FAILED: 'Failed to fetch' };

/** EvidenceMark says in words whether a practice's scan evidence passes. */
export function EvidenceMark({ s, choiceId }: { s?: SuggestedAnswer; choiceId: string }) {
  if (!s) return null;
  if (s.FailingChoices?.includes(choiceId)) return <StatusIndicator type="warning">Scan evidence: not all passes</StatusIndicator>;
  if (s.PassingChoices?.includes(choiceId)) return <StatusIndicator type="success">Scan evidence: passes</StatusIndicator>;
  return null;
}

/** EvidenceDetails lists a practice's checks when opened. */
export function EvidenceDetails(props: { workloadId: string; lensArn: string; pillarId: string; questionId: string; choiceId: string }) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ items?: CheckDetail[]; error?: unknown }>({});
  const load = () =>
    allPages(
      (NextToken) =>
        listCheckDetails({ WorkloadId: props.workloadId, LensArn: props.lensArn, PillarId: props.pillarId, QuestionId: props.questionId, ChoiceId: props.choiceId, NextToken, MaxResults: 50 }),
      'CheckDetails',
    ).then(
      (items) => setState({ items }),
      (error) => setState({ error }),
    );
  return (
    <ExpandableSection
      variant="footer"
      headerText="Scan evidence"
      expanded={open}
      onChange={(e) => {
        setOpen(e.detail.expanded);
        if (e.detail.expanded && !state.items) load();
      }}
    >
      <ErrorAlert error={state.error} />
      {state.items && state.items.length === 0 && <Box>No checks for this practice.</Box>}
      {state.items && (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {state.items.map((c) => (
            <li key={c.Id} style={{ marginBottom: 8 }}>
              <StatusIndicator type={c.Status && statusType[c.Status]}>{c.Status && statusText[c.Status]}</StatusIndicator> <b>{c.Name}</b>
              {(c.FlaggedResources ?? 0) > 0 && ` — ${c.FlaggedResources} flagged`}
              <Box variant="small">
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.Description}</span>
                {c.UpdatedAt ? ` (scanned ${date(c.UpdatedAt)})` : ''}
              </Box>
            </li>
          ))}
        </ul>
      )}
    </ExpandableSection>
  );
}
