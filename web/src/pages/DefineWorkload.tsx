// Define workload (and edit its properties): the user guide's fields with
// the same limits the API enforces, checked before submitting; then the
// lenses (up to 20), a profile and a review template. Each field's Info
// link opens its help in the help panel.
import { useEffect, useState } from 'react';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { associateLenses, associateProfiles, createWorkload, disassociateLenses, disassociateProfiles, getWorkload, listLenses, listProfiles, listReviewTemplates, updateWorkload } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import { ApiError } from '../api/client';
import type { Workload, WorkloadEnvironment } from '../api/gen/types';
import { ErrorAlert, useAsync } from '../components/common';
import { awsRegions, industryTypes } from '../regions';
import { href, navigate } from '../router';
import { useFlash } from '../flash';
import { InfoLink } from '../help/Help';
import { workloadHelp as help } from '../help/fields';
import { jiraFieldsOf, jiraInput, jiraProblem, JiraSection, type JiraFields } from './workloadJira';

interface Fields {
  WorkloadName: string;
  Description: string;
  ReviewOwner: string;
  Environment: string;
  AwsRegions: string[];
  NonAwsRegions: string;
  AccountIds: string;
  ArchitecturalDesign: string;
  IndustryType: string;
  Industry: string;
  Application: string;
  Notes: string;
  Lenses: string[];
  Profile: string;
  Template: string;
}

const empty: Fields = {
  WorkloadName: '',
  Description: '',
  ReviewOwner: '',
  Environment: '',
  AwsRegions: [],
  NonAwsRegions: '',
  AccountIds: '',
  ArchitecturalDesign: '',
  IndustryType: '',
  Industry: '',
  Application: '',
  Notes: '',
  Lenses: ['wellarchitected'],
  Profile: '',
  Template: '',
};

const list = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** regionList splits non-AWS Regions at commas only: a name such as
 * "On-premises DC" is one Region, spaces and all. */
const regionList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** applicationArn is the API's pattern for an AppRegistry application's ARN. */
const applicationArn = /^arn:aws[-a-z]*:servicecatalog:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:\/applications\/[a-z0-9]+$/;

/** validate returns a message per field, as the API would answer them. */
export function validate(f: Fields): Partial<Record<keyof Fields, string>> {
  const e: Partial<Record<keyof Fields, string>> = {};
  const len = (s: string) => [...s.trim()].length;
  if (len(f.WorkloadName) < 3 || len(f.WorkloadName) > 100) e.WorkloadName = 'Enter a name of 3 to 100 characters.';
  if (len(f.Description) < 3 || len(f.Description) > 250) e.Description = 'Enter a description of 3 to 250 characters.';
  if (len(f.ReviewOwner) < 3 || len(f.ReviewOwner) > 255) e.ReviewOwner = 'Enter the review owner: 3 to 255 characters.';
  if (!f.Environment) e.Environment = 'Choose an environment.';
  const nonAws = regionList(f.NonAwsRegions);
  if (f.AwsRegions.length === 0 && nonAws.length === 0) e.AwsRegions = 'Choose at least one AWS Region or enter a non-AWS Region.';
  const badRegion = nonAws.find((r) => len(r) < 3 || len(r) > 25);
  if (nonAws.length > 5) e.NonAwsRegions = 'Enter at most 5 non-AWS Regions.';
  else if (badRegion) e.NonAwsRegions = `Each non-AWS Region has 3 to 25 characters: "${badRegion}" has ${len(badRegion)}.`;
  const ids = list(f.AccountIds);
  if (ids.some((id) => !/^[0-9]{12}$/.test(id))) e.AccountIds = 'Each account ID is 12 digits.';
  else if (ids.length > 100) e.AccountIds = 'Enter at most 100 account IDs.';
  if (f.ArchitecturalDesign) {
    if (f.ArchitecturalDesign.length > 2048) e.ArchitecturalDesign = 'The URL has at most 2048 characters.';
    else if (!/^https?:\/\/\S+$/.test(f.ArchitecturalDesign)) e.ArchitecturalDesign = 'Enter an http:// or https:// URL.';
  }
  if (f.Industry.length > 100) e.Industry = 'At most 100 characters.';
  if (f.Application.trim() && !applicationArn.test(f.Application.trim())) e.Application = 'Enter the ARN of an AppRegistry application.';
  if (f.Notes.length > 2084) e.Notes = 'Notes have at most 2084 characters.';
  if (f.Lenses.length === 0) e.Lenses = 'Choose at least one lens.';
  if (f.Lenses.length > 20) e.Lenses = 'A workload can have at most 20 lenses.';
  return e;
}

function fromWorkload(w: Workload): Fields {
  return {
    WorkloadName: w.WorkloadName ?? '',
    Description: w.Description ?? '',
    ReviewOwner: w.ReviewOwner ?? '',
    Environment: w.Environment ?? '',
    AwsRegions: w.AwsRegions ?? [],
    NonAwsRegions: (w.NonAwsRegions ?? []).join(', '),
    AccountIds: (w.AccountIds ?? []).join(', '),
    ArchitecturalDesign: w.ArchitecturalDesign ?? '',
    IndustryType: w.IndustryType ?? '',
    Industry: w.Industry ?? '',
    Application: w.Applications?.[0] ?? '',
    Notes: w.Notes ?? '',
    Lenses: w.Lenses ?? [],
    Profile: w.Profiles?.[0]?.ProfileArn ?? '',
    Template: '',
  };
}

export function DefineWorkload({ editId }: { editId?: string }) {
  const existing = useAsync(() => (editId ? getWorkload({ WorkloadId: editId }) : Promise.resolve(undefined)), [editId]);
  const lenses = useAsync(() => allPages((NextToken) => listLenses({ LensStatus: 'PUBLISHED', NextToken, MaxResults: 50 }), 'LensSummaries'), []);
  const profiles = useAsync(() => listProfiles({ MaxResults: 50 }).then((r) => r.ProfileSummaries ?? []), []);
  const templates = useAsync(() => (editId ? Promise.resolve([]) : listReviewTemplates({ MaxResults: 50 }).then((r) => r.ReviewTemplates ?? [])), [editId]);
  const [f, setF] = useState<Fields>(empty);
  const [tried, setTried] = useState(false);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const flash = useFlash();
  const [jira, setJira] = useState<JiraFields>(jiraFieldsOf());
  const jiraWas = jiraFieldsOf(existing.data?.Workload?.JiraConfiguration);

  useEffect(() => {
    if (existing.data) setF(fromWorkload(existing.data.Workload ?? {}));
    if (existing.data) setJira(jiraFieldsOf(existing.data.Workload?.JiraConfiguration));
  }, [existing.data]);

  const problems = validate(f);
  const msg = (k: keyof Fields) => (tried ? problems[k] : undefined) ?? serverFields[k];
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setServerFields((s) => ({ ...s, [k]: '' }));
  };

  const submit = async () => {
    setTried(true);
    setError(undefined);
    if (Object.keys(validate(f)).length > 0 || jiraProblem(jira)) return;
    setBusy(true);
    const props = {
      WorkloadName: f.WorkloadName.trim(),
      Description: f.Description.trim(),
      ReviewOwner: f.ReviewOwner.trim() || undefined,
      Environment: f.Environment as WorkloadEnvironment,
      AwsRegions: f.AwsRegions,
      NonAwsRegions: regionList(f.NonAwsRegions),
      AccountIds: list(f.AccountIds),
      ArchitecturalDesign: f.ArchitecturalDesign || undefined,
      IndustryType: f.IndustryType || undefined,
      Industry: f.Industry || undefined,
      // An empty list clears the application when editing; creating leaves it out.
      Applications: f.Application.trim() ? [f.Application.trim()] : editId ? [] : undefined,
      Notes: f.Notes || undefined,
      JiraConfiguration: jiraInput(jira, jiraWas),
    };
    try {
      let id = editId;
      if (editId && existing.data) {
        const w = existing.data.Workload ?? {};
        await updateWorkload({ WorkloadId: editId, ...props });
        const had = new Set(w.Lenses ?? []);
        const want = new Set(f.Lenses);
        const add = f.Lenses.filter((l) => !had.has(l));
        const remove = [...had].filter((l) => !want.has(l));
        if (add.length) await associateLenses({ WorkloadId: editId, LensAliases: add });
        if (remove.length) await disassociateLenses({ WorkloadId: editId, LensAliases: remove });
        const oldProfile = w.Profiles?.[0]?.ProfileArn ?? '';
        if (oldProfile !== f.Profile) {
          if (oldProfile) await disassociateProfiles({ WorkloadId: editId, ProfileArns: [oldProfile] });
          if (f.Profile) await associateProfiles({ WorkloadId: editId, ProfileArns: [f.Profile] });
        }
        flash({ type: 'success', content: `Saved ${props.WorkloadName}.` });
      } else {
        const out = await createWorkload({
          ...props,
          Lenses: f.Lenses,
          ProfileArns: f.Profile ? [f.Profile] : undefined,
          ReviewTemplateArns: f.Template ? [f.Template] : undefined,
        });
        id = out.WorkloadId;
        flash({ type: 'success', content: `Defined ${props.WorkloadName}.` });
      }
      navigate(href('workloads', id!));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const m: Record<string, string> = {};
        e.fields.forEach((x) => x.Name && (m[x.Name.split(/[.[]/)[0]] = x.Message ?? 'Invalid'));
        setServerFields(m);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const lensOptions = (lenses.data ?? []).map((l) => ({
    value: l.LensAlias ?? l.LensArn ?? '',
    label: l.LensName,
    description: l.LensType === 'AWS_OFFICIAL' ? 'AWS official' : l.LensType === 'CUSTOM_SHARED' ? 'Custom, shared with you' : 'Custom',
  }));
  const regionOptions = awsRegions.map((r) => ({ value: r.code, label: r.name, description: r.code }));
  const industryOptions = [{ value: '', label: 'None' }, ...industryTypes.map((t) => ({ value: t, label: t }))];
  const profileOptions = [{ value: '', label: 'No profile' }, ...(profiles.data ?? []).map((p) => ({ value: p.ProfileArn, label: p.ProfileName }))];
  const templateOptions = [{ value: '', label: 'No template' }, ...(templates.data ?? []).map((t) => ({ value: t.TemplateArn, label: t.TemplateName }))];

  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <Form
        header={<Header variant="h1">{editId ? 'Edit workload' : 'Define workload'}</Header>}
        errorText={error ? <ErrorAlert error={error} header="The workload was not saved" /> : undefined}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" formAction="none" href={editId ? href('workloads', editId) : '#/workloads'}>
              Cancel
            </Button>
            <Button variant="primary" formAction="submit" loading={busy} data-testid="submit-workload">
              {editId ? 'Save' : 'Define workload'}
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <Container header={<Header variant="h2">Workload properties</Header>}>
            <SpaceBetween size="l">
              <FormField label="Name" info={<InfoLink topic={help.name} about="Name" />} constraintText="3 to 100 characters; unique in the account." errorText={msg('WorkloadName')}>
                <Input value={f.WorkloadName} onChange={(e) => set('WorkloadName', e.detail.value)} ariaLabel="Name" />
              </FormField>
              <FormField label="Description" info={<InfoLink topic={help.description} about="Description" />} constraintText="3 to 250 characters." errorText={msg('Description')}>
                <Textarea value={f.Description} onChange={(e) => set('Description', e.detail.value)} ariaLabel="Description" />
              </FormField>
              <FormField label="Review owner" info={<InfoLink topic={help.reviewOwner} about="Review owner" />} description="Who is responsible for the review: a name, an email address or a team." errorText={msg('ReviewOwner')}>
                <Input value={f.ReviewOwner} onChange={(e) => set('ReviewOwner', e.detail.value)} ariaLabel="Review owner" />
              </FormField>
              <FormField label="Environment" info={<InfoLink topic={help.environment} about="Environment" />} errorText={msg('Environment')}>
                <RadioGroup
                  value={f.Environment}
                  onChange={(e) => set('Environment', e.detail.value)}
                  ariaLabel="Environment"
                  items={[
                    { value: 'PRODUCTION', label: 'Production' },
                    { value: 'PREPRODUCTION', label: 'Pre-production' },
                  ]}
                />
              </FormField>
              <FormField label="AWS Regions" info={<InfoLink topic={help.awsRegions} about="AWS Regions" />} errorText={msg('AwsRegions')}>
                <Multiselect
                  selectedOptions={regionOptions.filter((o) => f.AwsRegions.includes(o.value))}
                  onChange={(e) => set('AwsRegions', e.detail.selectedOptions.map((o) => o.value!))}
                  options={regionOptions}
                  filteringType="auto"
                  placeholder="Choose Regions"
                  ariaLabel="AWS Regions"
                />
              </FormField>
              <FormField
                label="Non-AWS Regions"
                info={<InfoLink topic={help.nonAwsRegions} about="Non-AWS Regions" />}
                description="Up to 5, separated by commas; a name may hold spaces."
                constraintText="Each 3 to 25 characters."
                errorText={msg('NonAwsRegions')}
              >
                <Input value={f.NonAwsRegions} onChange={(e) => set('NonAwsRegions', e.detail.value)} ariaLabel="Non-AWS Regions" />
              </FormField>
              <FormField label="Account IDs" info={<InfoLink topic={help.accountIds} about="Account IDs" />} description="AWS account IDs of the workload, separated by commas." errorText={msg('AccountIds')}>
                <Input value={f.AccountIds} onChange={(e) => set('AccountIds', e.detail.value)} ariaLabel="Account IDs" />
              </FormField>
              <FormField label="Architectural design" info={<InfoLink topic={help.architecturalDesign} about="Architectural design" />} description="A link to the architecture diagram or document." errorText={msg('ArchitecturalDesign')}>
                <Input value={f.ArchitecturalDesign} onChange={(e) => set('ArchitecturalDesign', e.detail.value)} type="url" ariaLabel="Architectural design" />
              </FormField>
              <FormField label="Industry type" info={<InfoLink topic={help.industryType} about="Industry type" />} errorText={msg('IndustryType')}>
                <Select
                  selectedOption={industryOptions.find((o) => o.value === f.IndustryType) ?? industryOptions[0]}
                  onChange={(e) => set('IndustryType', e.detail.selectedOption.value ?? '')}
                  options={industryOptions}
                  ariaLabel="Industry type"
                />
              </FormField>
              <FormField label="Industry" info={<InfoLink topic={help.industry} about="Industry" />} errorText={msg('Industry')}>
                <Input value={f.Industry} onChange={(e) => set('Industry', e.detail.value)} ariaLabel="Industry" />
              </FormField>
              <FormField label="Application - optional" info={<InfoLink topic={help.application} about="Application" />} description="The ARN of the AWS Service Catalog AppRegistry application the workload belongs to." errorText={msg('Application')}>
                <Input value={f.Application} onChange={(e) => set('Application', e.detail.value)} ariaLabel="Application" />
              </FormField>
              <FormField label="Notes" info={<InfoLink topic={help.notes} about="Notes" />} constraintText={`${2084 - f.Notes.length} characters remaining`} errorText={msg('Notes')}>
                <Textarea value={f.Notes} onChange={(e) => set('Notes', e.detail.value)} ariaLabel="Workload notes" />
              </FormField>
            </SpaceBetween>
          </Container>
          <Container header={<Header variant="h2" description="Up to 20 lenses; the AWS Well-Architected Framework is applied by default.">Lenses</Header>}>
            <FormField label="Lenses" info={<InfoLink topic={help.lenses} about="Lenses" />} errorText={msg('Lenses')}>
              <Multiselect
                selectedOptions={lensOptions.filter((o) => f.Lenses.includes(o.value))}
                onChange={(e) => set('Lenses', e.detail.selectedOptions.map((o) => o.value!))}
                options={lensOptions}
                statusType={lenses.loading ? 'loading' : 'finished'}
                filteringType="auto"
                ariaLabel="Lenses"
              />
            </FormField>
          </Container>
          <Container header={<Header variant="h2">Profile and review template</Header>}>
            <SpaceBetween size="l">
              <FormField label="Profile" info={<InfoLink topic={help.profile} about="Profile" />} description="Prioritises the questions that matter for the workload's business context.">
                <Select
                  selectedOption={profileOptions.find((o) => o.value === f.Profile) ?? profileOptions[0]}
                  onChange={(e) => set('Profile', e.detail.selectedOption.value ?? '')}
                  options={profileOptions}
                  ariaLabel="Profile"
                />
              </FormField>
              {!editId && (
                <FormField label="Review template" info={<InfoLink topic={help.template} about="Review template" />} description="Pre-fills answers and notes from a template.">
                  <Select
                    selectedOption={templateOptions.find((o) => o.value === f.Template) ?? templateOptions[0]}
                    onChange={(e) => set('Template', e.detail.selectedOption.value ?? '')}
                    options={templateOptions}
                    ariaLabel="Review template"
                  />
                </FormField>
              )}
            </SpaceBetween>
          </Container>
          <JiraSection
            f={jira}
            was={jiraWas}
            onChange={(j) => (setJira(j), setServerFields((s) => ({ ...s, JiraConfiguration: '' })))}
            error={(tried ? jiraProblem(jira) : undefined) || serverFields.JiraConfiguration || undefined}
          />
        </SpaceBetween>
      </Form>
    </form>
  );
}
