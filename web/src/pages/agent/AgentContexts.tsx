// A profile's application contexts: a page at a time, created and edited
// in a dialog that shows the API's checks by field, deleted after a
// confirmation. Contexts are text for the optional model; the
// deterministic engine does not read them.
import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { createAgentContext, deleteAgentContext, listAgentContexts, updateAgentContext } from '../../api/gen/ops';
import type { ApplicationType, ContextSummary, Criticality } from '../../api/gen/types';
import { ActionModal } from '../../components/ActionModal';
import { AgentChildTable } from './AgentChildren';
import { fieldErrorOf } from './common';

const criticalityLabel: Record<Criticality, string> = {
  MISSION_CRITICAL: 'Mission critical',
  BUSINESS_CRITICAL: 'Business critical',
  NON_CRITICAL: 'Not critical',
  TEST_DEVELOPMENT: 'Test and development',
};
const typeLabel: Record<ApplicationType, string> = { SAS: 'Software as a service', DESKTOP_APPLICATION: 'Desktop application', OTHER: 'Other' };
const none = { value: '', label: 'Not said' };

export function AgentContexts({ profileArn }: { profileArn: string }) {
  return (
    <AgentChildTable<ContextSummary>
      noun="context"
      heading="Application contexts"
      description="What the applications are and how critical: text for the language model when one is configured."
      empty="No application contexts."
      testId="agent-contexts-table"
      deleted="the model no longer reads it."
      load={(nextToken) => listAgentContexts({ profileArn, nextToken, maxResults: 10 })}
      deps={[profileArn]}
      columns={[
        { id: 'type', header: 'Application type', cell: (c) => (c.content.applicationType ? typeLabel[c.content.applicationType] : '-') },
        { id: 'criticality', header: 'Criticality', cell: (c) => (c.content.criticality ? criticalityLabel[c.content.criticality] : '-') },
      ]}
      remove={(c) => deleteAgentContext({ profileArn, id: c.id })}
      dialog={(c, onClose, onSaved) => <ContextModal context={c} profileArn={profileArn} onClose={onClose} onSaved={onSaved} />}
    />
  );
}

function ContextModal({ context, profileArn, onClose, onSaved }: { context?: ContextSummary; profileArn: string; onClose: () => void; onSaved: (c: ContextSummary, created: boolean) => void }) {
  const c = context?.content;
  const [title, setTitle] = useState(context?.title ?? '');
  const [overview, setOverview] = useState(c?.applicationOverview ?? '');
  const [architecture, setArchitecture] = useState(c?.architectureOverview ?? '');
  const [more, setMore] = useState(c?.additionalContext ?? '');
  const [industry, setIndustry] = useState(c?.industry ?? '');
  const [appType, setAppType] = useState<string>(c?.applicationType ?? '');
  const [criticality, setCriticality] = useState<string>(c?.criticality ?? '');
  const [error, setError] = useState<unknown>();
  const fieldError = fieldErrorOf(error);
  const typeOptions = [none, ...Object.entries(typeLabel).map(([value, label]) => ({ value, label }))];
  const criticalityOptions = [none, ...Object.entries(criticalityLabel).map(([value, label]) => ({ value, label }))];
  const run = async () => {
    setError(undefined);
    const content = {
      ...c,
      applicationOverview: overview,
      architectureOverview: architecture,
      additionalContext: more,
      industry,
      applicationType: (appType || undefined) as ApplicationType | undefined,
      criticality: (criticality || undefined) as Criticality | undefined,
    };
    try {
      const out = context
        ? await updateAgentContext({ profileArn, id: context.id, title, content })
        : await createAgentContext({ profileArn, title, contextType: 'APPLICATION', content });
      onSaved(out.context, !context);
    } catch (e) {
      setError(e);
      throw e;
    }
  };
  return (
    <ActionModal header={context ? `Edit context ${context.title}` : 'Add application context'} action={context ? 'Save context' : 'Add context'} run={run} onClose={onClose} testId="agent-context-save">
      <SpaceBetween size="m">
        <FormField label="Title" errorText={fieldError('title')}>
          <Input value={title} onChange={(e) => setTitle(e.detail.value)} ariaLabel="Context title" />
        </FormField>
        <FormField label={<span>Application overview <i>- optional</i></span>} errorText={fieldError('applicationOverview')}>
          <Textarea value={overview} onChange={(e) => setOverview(e.detail.value)} ariaLabel="Application overview" />
        </FormField>
        <FormField label={<span>Architecture overview <i>- optional</i></span>} errorText={fieldError('architectureOverview')}>
          <Textarea value={architecture} onChange={(e) => setArchitecture(e.detail.value)} ariaLabel="Architecture overview" />
        </FormField>
        <FormField label={<span>Additional context <i>- optional</i></span>} errorText={fieldError('additionalContext')}>
          <Textarea value={more} onChange={(e) => setMore(e.detail.value)} ariaLabel="Additional context" />
        </FormField>
        <FormField label={<span>Industry <i>- optional</i></span>} errorText={fieldError('industry')}>
          <Input value={industry} onChange={(e) => setIndustry(e.detail.value)} ariaLabel="Industry" />
        </FormField>
        <FormField label="Application type" errorText={fieldError('applicationType')}>
          <Select selectedOption={typeOptions.find((o) => o.value === appType) ?? none} options={typeOptions} onChange={(e) => setAppType(e.detail.selectedOption.value ?? '')} ariaLabel="Application type" />
        </FormField>
        <FormField label="Criticality" errorText={fieldError('criticality')}>
          <Select
            selectedOption={criticalityOptions.find((o) => o.value === criticality) ?? none}
            options={criticalityOptions}
            onChange={(e) => setCriticality(e.detail.selectedOption.value ?? '')}
            ariaLabel="Criticality"
          />
        </FormField>
      </SpaceBetween>
    </ActionModal>
  );
}
