// Creating a review template: name, description, the lenses it answers
// (published ones only: a draft cannot be reviewed) and notes, checked as the
// API checks them before submitting.
import { useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { createReviewTemplate, listLenses } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { followLink, href, navigate } from '../../router';
import { InfoLink } from '../../help/Help';
import { templateHelp as help } from '../../help/fields';
import { isDraft } from '../lenses/display';

/** The characters the API allows in a template's name and description. */
const allowed = /^[A-Za-z0-9\-_.,:/()@!&?#+'’\s]+$/;
const NOTES_MAX = 2084;

export function textError(v: string, what: string, max: number): string | undefined {
  const t = v.trim();
  if (t.length < 3 || v.length > max) return `Enter a ${what} of 3 to ${max} characters.`;
  if (!allowed.test(v)) return `A ${what} may hold letters, digits, spaces and - _ . , : / ( ) @ ! & ? # + ' only.`;
  return undefined;
}

export function CreateTemplate() {
  const lenses = useAsync(
    () => allPages((NextToken) => listLenses({ NextToken, MaxResults: 50 }), 'LensSummaries').then((ls) => ls.filter((l) => !isDraft(l))),
    [],
  );
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>(['wellarchitected']);
  const [notes, setNotes] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const flash = useFlash();

  const nameError = textError(name, 'name', 100);
  const descError = textError(description, 'description', 250);
  const lensError = chosen.length === 0 ? 'Choose at least one lens.' : chosen.length > 10 ? 'A template has at most 10 lenses.' : undefined;
  const notesError = notes.length > NOTES_MAX ? `Notes have at most ${NOTES_MAX} characters.` : undefined;
  const valid = !nameError && !descError && !lensError && !notesError;
  const options = (lenses.data ?? []).map((l) => ({ value: l.LensAlias ?? l.LensArn ?? '', label: l.LensName, description: l.LensType === 'AWS_OFFICIAL' ? 'AWS official' : `Custom, version ${l.LensVersion ?? '-'}` }));

  const submit = async () => {
    setTried(true);
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await createReviewTemplate({ TemplateName: name.trim(), Description: description.trim(), Lenses: chosen, Notes: notes || undefined });
      flash({ type: 'success', content: `Created ${name.trim()}. Answer its questions to prepare the reviews.` });
      navigate(href('templates', r.TemplateArn!));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SpaceBetween size="l">
      <BreadcrumbGroup items={[{ text: 'Review templates', href: '#/templates' }, { text: 'Create template', href: '#/templates/new' }]} onFollow={followLink} ariaLabel="Breadcrumbs" />
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Form
          header={<Header variant="h1">Create review template</Header>}
          errorText={tried && !valid ? 'Some fields need your attention.' : undefined}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" formAction="none" href="#/templates" onFollow={followLink}>
                Cancel
              </Button>
              <Button variant="primary" loading={busy} data-testid="submit-template">
                Create template
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <ErrorAlert error={error ?? lenses.error} />
            <Container header={<Header variant="h2">Template details</Header>}>
              <SpaceBetween size="m">
                <FormField label="Name" info={<InfoLink topic={help.name} about="Name" />} constraintText="3 to 100 characters." errorText={tried ? nameError : undefined}>
                  <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Name" />
                </FormField>
                <FormField label="Description" info={<InfoLink topic={help.description} about="Description" />} constraintText="3 to 250 characters." errorText={tried ? descError : undefined}>
                  <Input value={description} onChange={(e) => setDescription(e.detail.value)} ariaLabel="Description" />
                </FormField>
                <FormField label="Lenses" info={<InfoLink topic={help.lenses} about="Lenses" />} description="The lenses whose questions the template answers." errorText={tried ? lensError : undefined}>
                  <Multiselect
                    selectedOptions={options.filter((o) => chosen.includes(o.value))}
                    onChange={(e) => setChosen(e.detail.selectedOptions.map((o) => o.value ?? ''))}
                    options={options}
                    statusType={lenses.loading ? 'loading' : 'finished'}
                    loadingText="Loading lenses"
                    placeholder="Choose lenses"
                    ariaLabel="Lenses"
                    tokenLimit={5}
                  />
                </FormField>
                <FormField label="Notes - optional" info={<InfoLink topic={help.notes} about="Notes" />} constraintText={`${NOTES_MAX - notes.length} characters remaining`} errorText={notesError}>
                  <Textarea value={notes} onChange={(e) => setNotes(e.detail.value)} ariaLabel="Notes" rows={3} />
                </FormField>
              </SpaceBetween>
            </Container>
          </SpaceBetween>
        </Form>
      </form>
    </SpaceBetween>
  );
}
