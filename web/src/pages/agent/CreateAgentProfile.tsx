// Creating an agent profile: its name, overview, pillars and the accounts
// and Regions whose workloads it covers. The API's checks come back as
// form errors by field.
import { useState } from 'react';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { ApiError, type Session } from '../../api/client';
import { createAgentProfile } from '../../api/gen/ops';
import type { Pillar } from '../../api/gen/types';
import { ErrorAlert } from '../../components/common';
import { useFlash } from '../../flash';
import { href, navigate } from '../../router';
import { pillarLabel, pillars } from './common';

const list = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function CreateAgentProfile({ session }: { session: Session }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [overview, setOverview] = useState('');
  const [chosen, setChosen] = useState<Pillar[]>([...pillars]);
  const [accounts, setAccounts] = useState(session.accountId);
  const [regions, setRegions] = useState('');
  const [executionRole, setExecutionRole] = useState('');
  const [accessRole, setAccessRole] = useState('');
  const [protect, setProtect] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const flash = useFlash();

  // The API's field errors, by field: "aggregationConfiguration[0].regions" counts as "regions".
  const fields = error instanceof ApiError ? error.fields : [];
  const fieldError = (...names: string[]) =>
    fields
      .filter((f) => names.some((n) => f.Name === n || f.Name?.endsWith('.' + n) || f.Name?.startsWith(n + '[')))
      .map((f) => f.Message)
      .join(' ') || undefined;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const regionList = list(regions);
      const out = await createAgentProfile({
        name: name.trim(),
        description: description.trim() || undefined,
        businessOverview: overview.trim() || undefined,
        pillars: chosen,
        executionRoleArn: executionRole.trim(),
        deletionProtection: protect,
        aggregationConfiguration: list(accounts).map((accountId) => ({ accountId, regions: regionList, accessRoleArn: accessRole.trim() })),
      });
      flash({ type: 'success', content: `Created agent profile ${out.name}.` });
      navigate(href('agent', out.arn));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Form
        header={<Header variant="h1">Create agent profile</Header>}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={() => navigate('#/agent')}>
              Cancel
            </Button>
            <Button variant="primary" loading={busy} formAction="submit">
              Create profile
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <ErrorAlert error={error} header="The profile was not created" />
          <Container header={<Header variant="h2">Profile</Header>}>
            <SpaceBetween size="m">
              <FormField label="Name" description="Letters, digits, hyphens and underscores; it never changes." errorText={fieldError('name')}>
                <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Name" />
              </FormField>
              <FormField label={<span>Description <i>- optional</i></span>} errorText={fieldError('description')}>
                <Input value={description} onChange={(e) => setDescription(e.detail.value)} ariaLabel="Description" />
              </FormField>
              <FormField label={<span>Business overview <i>- optional</i></span>} errorText={fieldError('businessOverview')}>
                <Textarea value={overview} onChange={(e) => setOverview(e.detail.value)} ariaLabel="Business overview" />
              </FormField>
              <FormField label="Pillars" errorText={fieldError('pillars')}>
                <Multiselect
                  selectedOptions={chosen.map((p) => ({ value: p, label: pillarLabel[p] }))}
                  options={pillars.map((p) => ({ value: p, label: pillarLabel[p] }))}
                  onChange={(e) => setChosen(e.detail.selectedOptions.map((o) => o.value as Pillar))}
                  placeholder="Choose pillars"
                  ariaLabel="Pillars"
                />
              </FormField>
              <Checkbox checked={protect} onChange={(e) => setProtect(e.detail.checked)}>
                Deletion protection
              </Checkbox>
            </SpaceBetween>
          </Container>
          <Container header={<Header variant="h2" description="The workloads whose account IDs and AWS Regions match are selected.">Aggregation configuration</Header>}>
            <SpaceBetween size="m">
              <FormField label="Account IDs" description="12-digit account IDs, separated by commas." errorText={fieldError('aggregationConfiguration', 'accountId')}>
                <Input value={accounts} onChange={(e) => setAccounts(e.detail.value)} ariaLabel="Account IDs" />
              </FormField>
              <FormField label="Regions" description="For example eu-west-1, us-east-1." errorText={fieldError('regions')}>
                <Input value={regions} onChange={(e) => setRegions(e.detail.value)} ariaLabel="Regions" />
              </FormField>
              <FormField label="Access role ARN" description="Stored and shown; wat never assumes it." errorText={fieldError('accessRoleArn')}>
                <Input value={accessRole} onChange={(e) => setAccessRole(e.detail.value)} ariaLabel="Access role ARN" />
              </FormField>
              <FormField label="Execution role ARN" description="Stored and shown; wat never assumes it." errorText={fieldError('executionRoleArn')}>
                <Input value={executionRole} onChange={(e) => setExecutionRole(e.detail.value)} ariaLabel="Execution role ARN" />
              </FormField>
            </SpaceBetween>
          </Container>
        </SpaceBetween>
      </Form>
    </form>
  );
}
