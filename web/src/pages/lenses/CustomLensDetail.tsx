// One lens: its summary (GetLens) and, for a custom lens its owner may
// export, its pillars, questions and best practices read from the exported
// document. Every text comes from the lens's author: rendered as text, links
// only through SafeLink.
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { Session } from '../../api/client';
import { exportLens, getLens } from '../../api/gen/ops';
import { ErrorAlert, SafeLink, useAsync } from '../../components/common';
import { followLink, href } from '../../router';
import { parseLensDoc, type DocQuestion, type LensDoc } from './lensDoc';

const riskWord: Record<string, string> = { HIGH_RISK: 'High risk', MEDIUM_RISK: 'Medium risk', NO_RISK: 'No risk' };

export function CustomLensDetail({ alias, session }: { alias: string; session: Session }) {
  const lens = useAsync(() => getLens({ LensAlias: alias }).then((r) => r.Lens), [alias]);
  const mine = !!lens.data && lens.data.Owner === session.accountId;
  // Only a custom lens's owner may export it; the official lenses have no document.
  const doc = useAsync<LensDoc | null>(
    () => (mine ? exportLens({ LensAlias: alias }).then((r) => parseLensDoc(r.LensJSON ?? '{}')) : Promise.resolve(null)),
    [alias, mine],
  );
  const l = lens.data;
  return (
    <SpaceBetween size="l">
      <BreadcrumbGroup items={[{ text: 'Custom lenses', href: '#/lenses' }, { text: l?.Name ?? alias, href: href('lenses', alias) }]} onFollow={followLink} ariaLabel="Breadcrumbs" />
      <ErrorAlert error={lens.error} />
      <Header variant="h1" description={l?.Description}>
        {l?.Name ?? 'Lens'}
      </Header>
      {l && (
        <Container header={<Header variant="h2">Lens details</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              { label: 'Version', value: l.LensVersion ?? 'Draft (not published)' },
              { label: 'Owner', value: l.Owner ?? '-' },
              { label: 'ARN', value: l.LensArn ?? alias },
            ]}
          />
        </Container>
      )}
      {l && !mine && (
        <Box variant="p">
          {l.Owner === 'aws'
            ? 'An AWS official lens: its questions appear when you review a workload with it.'
            : "Only the lens's owner can read its document here. Its questions appear when you review a workload with the lens."}
        </Box>
      )}
      <ErrorAlert error={doc.error} header="The lens's document could not be read" />
      {doc.data && <LensContent doc={doc.data} version={l?.LensVersion} />}
    </SpaceBetween>
  );
}

function LensContent({ doc, version }: { doc: LensDoc; version?: string }) {
  const questions = doc.pillars.reduce((n, p) => n + p.questions.length, 0);
  return (
    <Container
      header={
        <Header variant="h2" counter={`(${doc.pillars.length} pillars, ${questions} questions)`} description={version ? `As published in version ${version}.` : 'The draft, not yet published.'}>
          Pillars and questions
        </Header>
      }
    >
      <SpaceBetween size="m" data-testid="lens-content">
        {doc.pillars.map((p) => (
          <ExpandableSection key={p.id} headerText={`${p.name} (${p.questions.length})`} variant="container" defaultExpanded={doc.pillars.length <= 3}>
            <ol style={{ paddingLeft: 20, margin: 0 }}>
              {p.questions.map((q) => (
                <Question key={q.id} q={q} />
              ))}
            </ol>
          </ExpandableSection>
        ))}
      </SpaceBetween>
    </Container>
  );
}

function Question({ q }: { q: DocQuestion }) {
  return (
    <li style={{ marginBottom: 12 }}>
      <Box variant="h4">{q.title}</Box>
      {q.description && <Box variant="p">{q.description}</Box>}
      {q.helpfulResource && <SafeLink url={q.helpfulResource.url}>{q.helpfulResource.displayText || q.helpfulResource.url}</SafeLink>}
      <ul style={{ paddingLeft: 20 }}>
        {q.choices.map((c) => (
          <li key={c.id}>
            {c.title}
            {c.description && (
              <Box variant="small" display="block">
                {c.description}
              </Box>
            )}
            {c.improvementPlan && (
              <Box variant="small" display="block">
                Improvement plan: <SafeLink url={c.improvementPlan.url}>{c.improvementPlan.displayText || c.improvementPlan.url}</SafeLink>
              </Box>
            )}
          </li>
        ))}
      </ul>
      {q.riskRules.length > 0 && (
        <Box variant="small">
          Risk rules:{' '}
          {q.riskRules.map((r, i) => (
            <span key={i}>
              {i > 0 && '; '}
              <code>{r.condition}</code> → {riskWord[r.risk] ?? r.risk}
            </span>
          ))}
        </Box>
      )}
    </li>
  );
}
