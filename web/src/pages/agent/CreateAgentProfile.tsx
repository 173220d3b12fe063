// Creating or editing an agent profile: its name, overview, pillars and the
// accounts and Regions whose workloads it covers. The API's checks come
// back as form errors by field, from CreateAgentProfile and
// UpdateAgentProfile alike. Editing sends the scope only when it was
// changed, so that a scope written through the API with other Regions per
// account is not flattened into the form's one list.
import { useEffect, useState } from 'react';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import type { Session } from '../../api/client';
import { createAgentProfile, getAgentProfile, updateAgentProfile } from '../../api/gen/ops';
import type { Pillar } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { href, navigate } from '../../router';
import { fieldErrorOf, pillars } from './common';
import { PillarSelect } from './PillarSelect';

const list = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function CreateAgentProfile({ session, editArn }: { session: Session; editArn?: string }) {
  const existing = useAsync(() => (editArn ? getAgentProfile({ profileArn: editArn }) : Promise.resolve(undefined)), [editArn]);
  const [scopeTouched, setScopeTouched] = useState(false);
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
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
  const fieldError = fieldErrorOf(error);

  // An edited profile fills the form once it is read.
  const p = existing.data;
  useEffect(() => {
    if (!p) return;
    const scope = p.aggregationConfiguration;
    setName(p.name);
    setDisplayName(p.displayName ?? '');
    setDescription(p.description ?? '');
    setOverview(p.businessOverview ?? '');
    setChosen(p.pillars);
    setAccounts(scope.map((a) => a.accountId).join(', '));
    setRegions([...new Set(scope.flatMap((a) => a.regions))].join(', '));
    setAccessRole(scope[0]?.accessRoleArn ?? '');
    setExecutionRole(p.executionRoleArn ?? '');
    setProtect(!!p.deletionProtection);
  }, [p]);
  const scopeChange = (set: (v: string) => void) => (v: string) => {
    set(v);
    setScopeTouched(true);
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const regionList = list(regions);
      const aggregationConfiguration = list(accounts).map((accountId) => ({ accountId, regions: regionList, accessRoleArn: accessRole.trim() }));
      const common = {
        displayName: displayName.trim() || undefined,
        description: description.trim() || undefined,
        businessOverview: overview.trim() || undefined,
        pillars: chosen,
        executionRoleArn: executionRole.trim(),
        deletionProtection: protect,
      };
      const out = editArn
        ? await updateAgentProfile({
            ...common,
            profileArn: editArn,
            displayName: displayName.trim() || undefined,
            // Both may be emptied (the model lets them be "").
            description: description.trim(),
            businessOverview: overview.trim(),
            aggregationConfiguration: scopeTouched ? aggregationConfiguration : undefined,
          })
        : await createAgentProfile({ ...common, name: name.trim(), aggregationConfiguration });
      flash({ type: 'success', content: `${editArn ? 'Saved' : 'Created'} agent profile ${out.name}.` });
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
        header={<Header variant="h1">{editArn ? `Edit agent profile ${p?.name ?? ''}` : 'Create agent profile'}</Header>}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={() => navigate(editArn ? href('agent', editArn) : '#/agent')}>
              Cancel
            </Button>
            <Button variant="primary" loading={busy} disabled={!!editArn && !p} formAction="submit">
              {editArn ? 'Save changes' : 'Create profile'}
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <ErrorAlert error={existing.error} />
          <ErrorAlert error={error} header={editArn ? 'The profile was not saved' : 'The profile was not created'} />
          <Container header={<Header variant="h2">Profile</Header>}>
            <SpaceBetween size="m">
              <FormField label="Name" description="Letters, digits, hyphens and underscores; it never changes." errorText={fieldError('name')}>
                <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Name" disabled={!!editArn} />
              </FormField>
              <FormField label={<span>Display name <i>- optional</i></span>} errorText={fieldError('displayName')}>
                <Input value={displayName} onChange={(e) => setDisplayName(e.detail.value)} ariaLabel="Display name" />
              </FormField>
              <FormField label={<span>Description <i>- optional</i></span>} errorText={fieldError('description')}>
                <Input value={description} onChange={(e) => setDescription(e.detail.value)} ariaLabel="Description" />
              </FormField>
              <FormField label={<span>Business overview <i>- optional</i></span>} errorText={fieldError('businessOverview')}>
                <Textarea value={overview} onChange={(e) => setOverview(e.detail.value)} ariaLabel="Business overview" />
              </FormField>
              <FormField label="Pillars" errorText={fieldError('pillars')}>
                <PillarSelect value={chosen} onChange={setChosen} ariaLabel="Pillars" />
              </FormField>
              <Checkbox checked={protect} onChange={(e) => setProtect(e.detail.checked)}>
                Deletion protection
              </Checkbox>
            </SpaceBetween>
          </Container>
          <Container header={<Header variant="h2" description="The workloads whose account IDs and AWS Regions match are selected.">Aggregation configuration</Header>}>
            <SpaceBetween size="m">
              <FormField label="Account IDs" description="12-digit account IDs, separated by commas." errorText={fieldError('aggregationConfiguration', 'accountId')}>
                <Input value={accounts} onChange={(e) => scopeChange(setAccounts)(e.detail.value)} ariaLabel="Account IDs" />
              </FormField>
              <FormField label="Regions" description="For example eu-west-1, us-east-1." errorText={fieldError('regions')}>
                <Input value={regions} onChange={(e) => scopeChange(setRegions)(e.detail.value)} ariaLabel="Regions" />
              </FormField>
              <FormField label="Access role ARN" description="Stored and shown; wat never assumes it." errorText={fieldError('accessRoleArn')}>
                <Input value={accessRole} onChange={(e) => scopeChange(setAccessRole)(e.detail.value)} ariaLabel="Access role ARN" />
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
