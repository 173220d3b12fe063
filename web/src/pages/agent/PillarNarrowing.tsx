// One pillar of the "Start generation" dialog: the workloads of the
// profile and the framework's practices it is narrowed to, chosen from
// lists or typed as IDs, each field showing the API's error on what it sent.
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Multiselect, { type MultiselectProps } from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { Pillar } from '../../api/gen/types';
import { pillarLabel } from './common';
import { splitIds, type PracticeState, type ScopeWorkload } from './scopeChoices';

/** What one pillar is narrowed to: workload IDs and practice IDs chosen,
 * and IDs typed by hand. */
export interface Narrowing {
  workloads: string[];
  practices: string[];
  typed: string;
}

/** emptyNarrowing leaves a pillar whole. */
export const emptyNarrowing: Narrowing = { workloads: [], practices: [], typed: '' };

/** The API's messages on what each field sent. */
export interface NarrowingErrors {
  workloads?: string;
  practices?: string;
  typed?: string;
}

export function PillarNarrowing({
  pillar,
  value,
  onChange,
  workloads,
  workloadsLoading,
  practices,
  loadPractices,
  errors,
}: {
  pillar: Pillar;
  value: Narrowing;
  onChange: (n: Narrowing, field: keyof NarrowingErrors) => void;
  workloads: ScopeWorkload[];
  workloadsLoading: boolean;
  practices?: PracticeState;
  loadPractices?: () => void;
  errors: NarrowingErrors;
}) {
  const name = pillarLabel[pillar];
  const workloadOptions = workloads.map((w) => ({ value: w.id, label: w.name, description: w.id }));
  // A workload chosen that is no longer listed stays chosen, by its ID.
  const chosenWorkloads = value.workloads.map((id) => workloadOptions.find((o) => o.value === id) ?? { value: id, label: id });

  // The practices, grouped by question; one chosen stays, by its ID, until
  // the list is read.
  const groups = new Map<string, MultiselectProps.Option[]>();
  for (const o of practices?.options ?? []) {
    const g = groups.get(o.question) ?? [];
    g.push({ value: o.id, label: o.label, description: o.id });
    groups.set(o.question, g);
  }
  const practiceOptions: MultiselectProps.Options = [...groups].map(([label, options]) => ({ label, options }));
  const flat = [...groups.values()].flat();
  const chosenPractices = value.practices.map((id) => flat.find((o) => o.value === id) ?? { value: id, label: id });

  const { bad } = splitIds(value.typed);
  const typedError = bad.length > 0 ? `Not IDs: ${bad.join(', ')}. Separate IDs with commas or spaces.` : errors.typed;

  return (
    <div data-testid={`agent-narrowing-${pillar}`} role="group" aria-label={`${name} scope`}>
      <SpaceBetween size="xs">
        <Box variant="h4" padding="n">
          {name}
        </Box>
        <ColumnLayout columns={3}>
          <FormField label={`${name} workloads`} description="None chosen: every workload of the profile." errorText={errors.workloads}>
            <Multiselect
              selectedOptions={chosenWorkloads}
              options={workloadOptions}
              onChange={(e) => onChange({ ...value, workloads: e.detail.selectedOptions.map((o) => o.value ?? '') }, 'workloads')}
              statusType={workloadsLoading ? 'loading' : 'finished'}
              loadingText="Loading workloads"
              empty="No workload in the profile's scope"
              filteringType="auto"
              placeholder="Every workload"
              tokenLimit={3}
            />
          </FormField>
          <FormField label={`${name} practices`} description="None chosen: every practice of the pillar." errorText={errors.practices || practices?.error}>
            <Multiselect
              selectedOptions={chosenPractices}
              options={practiceOptions}
              onChange={(e) => onChange({ ...value, practices: e.detail.selectedOptions.map((o) => o.value ?? '') }, 'practices')}
              onLoadItems={() => loadPractices?.()}
              statusType={practices?.loading ? 'loading' : practices?.error ? 'error' : 'finished'}
              loadingText="Loading the framework's practices"
              errorText="The practices could not be read"
              empty={loadPractices ? 'No practice' : 'No workload with a framework review to read the practices from: type their IDs'}
              filteringType="auto"
              placeholder="Every practice"
              tokenLimit={3}
              disabled={!loadPractices}
            />
          </FormField>
          <FormField label={`${name} IDs`} description="Workload IDs or ARNs, question or practice IDs, separated by commas." errorText={typedError}>
            <Input value={value.typed} onChange={(e) => onChange({ ...value, typed: e.detail.value }, 'typed')} placeholder="e.g. sec_securely_operate_multi_accounts" />
          </FormField>
        </ColumnLayout>
      </SpaceBetween>
    </div>
  );
}
