// A workload's properties, its Jira settings, its improvement status and its tags.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import TagEditor, { type TagEditorProps } from '@cloudscape-design/components/tag-editor';
import FormField from '@cloudscape-design/components/form-field';
import { tagResource, untagResource, updateWorkload } from '../api/gen/ops';
import type { Workload, WorkloadImprovementStatus } from '../api/gen/types';
import { ErrorAlert, SafeLink } from '../components/common';
import { date, improvementStatusLabel } from '../format';
import { followLink, href } from '../router';
import { useFlash } from '../flash';
import { JiraProperties } from './workloadJira';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Box variant="awsui-key-label">{label}</Box>
      <div>{children || '-'}</div>
    </div>
  );
}

export function Properties({ w, onChanged }: { w: Workload; onChanged: () => void }) {
  const flash = useFlash();
  const [error, setError] = useState<unknown>();
  const statusOptions = Object.entries(improvementStatusLabel).map(([value, label]) => ({ value, label }));
  const setStatus = async (ImprovementStatus: WorkloadImprovementStatus) => {
    try {
      await updateWorkload({ WorkloadId: w.WorkloadId!, ImprovementStatus });
      flash({ type: 'success', content: 'Improvement status updated.' });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={error} />
      <Container
        header={
          <Header
            variant="h2"
            actions={
              <Button href={href('workloads', w.WorkloadId!, 'edit')} onFollow={followLink}>
                Edit
              </Button>
            }
          >
            Workload properties
          </Header>
        }
      >
        <ColumnLayout columns={3} variant="text-grid">
          <SpaceBetween size="l">
            <Field label="Name">{w.WorkloadName}</Field>
            <Field label="Description">{w.Description}</Field>
            <Field label="Review owner">{w.ReviewOwner}</Field>
            <Field label="Owner (account)">{w.Owner}</Field>
          </SpaceBetween>
          <SpaceBetween size="l">
            <Field label="Environment">{w.Environment === 'PRODUCTION' ? 'Production' : 'Pre-production'}</Field>
            <Field label="AWS Regions">{(w.AwsRegions ?? []).join(', ')}</Field>
            <Field label="Non-AWS Regions">{(w.NonAwsRegions ?? []).join(', ')}</Field>
            <Field label="Account IDs">{(w.AccountIds ?? []).join(', ')}</Field>
          </SpaceBetween>
          <SpaceBetween size="l">
            <Field label="Architectural design">{w.ArchitecturalDesign && <SafeLink url={w.ArchitecturalDesign}>{w.ArchitecturalDesign}</SafeLink>}</Field>
            <Field label="Industry type">{w.IndustryType}</Field>
            <Field label="Industry">{w.Industry}</Field>
            <Field label="Application">{(w.Applications ?? []).join(', ')}</Field>
            <Field label="ARN">{w.WorkloadArn}</Field>
            <Field label="Last updated">{date(w.UpdatedAt)}</Field>
          </SpaceBetween>
        </ColumnLayout>
      </Container>
      <JiraProperties w={w} />
      <Container header={<Header variant="h2">Improvement status</Header>}>
        <FormField label="Improvement status">
          <Select
            selectedOption={statusOptions.find((o) => o.value === w.ImprovementStatus) ?? null}
            onChange={(e) => setStatus(e.detail.selectedOption.value as WorkloadImprovementStatus)}
            options={statusOptions}
            ariaLabel="Improvement status"
          />
        </FormField>
      </Container>
      <Tags w={w} onChanged={onChanged} />
    </SpaceBetween>
  );
}

function Tags({ w, onChanged }: { w: Workload; onChanged: () => void }) {
  const initial = Object.entries(w.Tags ?? {}).map(([key, value]) => ({ key, value, existing: true }));
  const [tags, setTags] = useState<TagEditorProps.Tag[]>(initial);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const flash = useFlash();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const removed = tags.filter((t) => t.markedForRemoval && t.existing).map((t) => t.key);
      const kept = Object.fromEntries(tags.filter((t) => !t.markedForRemoval && t.key).map((t) => [t.key, t.value]));
      if (removed.length) await untagResource({ WorkloadArn: w.WorkloadArn!, TagKeys: removed });
      if (Object.keys(kept).length) await tagResource({ WorkloadArn: w.WorkloadArn!, Tags: kept });
      flash({ type: 'success', content: 'Tags saved.' });
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={
            <Button onClick={save} loading={busy}>
              Save tags
            </Button>
          }
        >
          Tags
        </Header>
      }
    >
      <SpaceBetween size="m">
        <ErrorAlert error={error} />
        <TagEditor
          tags={tags}
          onChange={(e) => setTags([...e.detail.tags])}
          tagLimit={50}
        />
      </SpaceBetween>
    </Container>
  );
}
