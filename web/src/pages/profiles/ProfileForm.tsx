// Creating or editing a profile: its name and description, and the profile
// template's questions answered within each question's bounds (checked
// before submitting, with the server's messages shown if it still refuses).
import { useEffect, useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { createProfile, getProfile, getProfileTemplate, updateProfile } from '../../api/gen/ops';
import type { ProfileTemplateChoice, ProfileTemplateQuestion as ModelQuestion } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { followLink, href, navigate } from '../../router';
import { InfoLink } from '../../help/Help';
import { profileHelp as help } from '../../help/fields';

/** ProfileTemplateQuestion is a question of the profile template as the API
 * sends it: it and its choices with their ids, which the model leaves
 * optional. */
type ProfileTemplateQuestion = Omit<ModelQuestion, 'QuestionId' | 'QuestionChoices'> & {
  QuestionId: string;
  QuestionChoices?: (ProfileTemplateChoice & { ChoiceId: string })[];
};

/** bounds says how many choices a question takes, in words. */
function bounds(q: ProfileTemplateQuestion): string | undefined {
  const min = q.MinSelectedChoices ?? 0;
  const max = q.MaxSelectedChoices ?? (q.QuestionChoices ?? []).length;
  if (min === max) return `Choose ${min}.`;
  return min === 0 ? `Choose up to ${max}.` : `Choose ${min} to ${max}.`;
}

function fits(q: ProfileTemplateQuestion, n: number) {
  return n >= (q.MinSelectedChoices ?? 0) && n <= (q.MaxSelectedChoices ?? Infinity);
}

export function ProfileForm({ editArn }: { editArn?: string }) {
  const template = useAsync(() => getProfileTemplate().then((r) => r.ProfileTemplate), []);
  const existing = useAsync(() => (editArn ? getProfile({ ProfileArn: editArn }).then((r) => r.Profile) : Promise.resolve(undefined)), [editArn]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const flash = useFlash();

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    setName(p.ProfileName ?? '');
    setDescription(p.ProfileDescription ?? '');
    setAnswers(Object.fromEntries((p.ProfileQuestions ?? []).map((q) => [q.QuestionId, q.SelectedChoiceIds ?? []])));
  }, [existing.data]);

  const questions = (template.data?.TemplateQuestions ?? []) as ProfileTemplateQuestion[];
  const nameError = !editArn && (name.trim().length < 3 || name.length > 100) ? 'Enter a name of 3 to 100 characters.' : undefined;
  const descError = description.trim().length < 3 || description.length > 100 ? 'Enter a description of 3 to 100 characters.' : undefined;
  const questionError = (q: ProfileTemplateQuestion) => (fits(q, (answers[q.QuestionId] ?? []).length) ? undefined : bounds(q));
  const valid = !nameError && !descError && questions.every((q) => !questionError(q));
  const set = (qid: string, ids: string[]) => setAnswers((a) => ({ ...a, [qid]: ids }));

  const submit = async () => {
    setTried(true);
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    const updates = questions.map((q) => ({ QuestionId: q.QuestionId, SelectedChoiceIds: answers[q.QuestionId] ?? [] }));
    try {
      if (editArn) {
        await updateProfile({ ProfileArn: editArn, ProfileDescription: description.trim(), ProfileQuestions: updates });
        flash({ type: 'success', content: `Saved ${name}; workloads that use it can upgrade to the new version.` });
        navigate(href('profiles', editArn));
      } else {
        const r = await createProfile({ ProfileName: name.trim(), ProfileDescription: description.trim(), ProfileQuestions: updates });
        flash({ type: 'success', content: `Created ${name.trim()}.` });
        navigate(href('profiles', r.ProfileArn!));
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const title = editArn ? `Edit ${existing.data?.ProfileName ?? 'profile'}` : 'Create profile';
  return (
    <SpaceBetween size="l">
      <BreadcrumbGroup items={[{ text: 'Profiles', href: '#/profiles' }, { text: title, href: editArn ? href('profiles', editArn, 'edit') : '#/profiles/new' }]} onFollow={followLink} ariaLabel="Breadcrumbs" />
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Form
          header={<Header variant="h1">{title}</Header>}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" formAction="none" href={editArn ? href('profiles', editArn) : '#/profiles'} onFollow={followLink}>
                Cancel
              </Button>
              <Button variant="primary" loading={busy} data-testid="submit-profile">
                {editArn ? 'Save' : 'Create profile'}
              </Button>
            </SpaceBetween>
          }
          errorText={tried && !valid ? 'Some fields need your attention.' : undefined}
        >
          <SpaceBetween size="l">
            <ErrorAlert error={error ?? template.error ?? existing.error} />
            <Container header={<Header variant="h2">Profile details</Header>}>
              <SpaceBetween size="m">
                <FormField label="Name" info={<InfoLink topic={help.name} about="Name" />} constraintText="3 to 100 characters. It cannot be changed later." errorText={tried ? nameError : undefined}>
                  <Input value={name} onChange={(e) => setName(e.detail.value)} disabled={!!editArn} ariaLabel="Name" />
                </FormField>
                <FormField label="Description" info={<InfoLink topic={help.description} about="Description" />} constraintText="3 to 100 characters." errorText={tried ? descError : undefined}>
                  <Input value={description} onChange={(e) => setDescription(e.detail.value)} ariaLabel="Description" />
                </FormField>
              </SpaceBetween>
            </Container>
            <Container header={<Header variant="h2" description={template.data?.TemplateName} info={<InfoLink topic={help.questions} about="Profile questions" />}>
                  Profile questions
                </Header>}>
              <SpaceBetween size="l">
                {template.loading && 'Loading the profile questions…'}
                {questions.map((q) => (
                  <ProfileQuestionField key={q.QuestionId} q={q} value={answers[q.QuestionId] ?? []} onChange={(ids) => set(q.QuestionId, ids)} error={tried ? questionError(q) : undefined} />
                ))}
              </SpaceBetween>
            </Container>
          </SpaceBetween>
        </Form>
      </form>
    </SpaceBetween>
  );
}

/** A question taking at most one choice is a radio group (with "Not
 * specified" when it may stay unanswered); others are checkboxes. */
function ProfileQuestionField({ q, value, onChange, error }: { q: ProfileTemplateQuestion; value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const choices = q.QuestionChoices ?? [];
  const single = (q.MaxSelectedChoices ?? 0) === 1;
  const optional = (q.MinSelectedChoices ?? 0) === 0;
  return (
    <FormField label={q.QuestionTitle ?? q.QuestionId} description={q.QuestionDescription} constraintText={bounds(q)} errorText={error}>
      {single ? (
        <RadioGroup
          value={value[0] ?? (optional ? '' : null)}
          onChange={(e) => onChange(e.detail.value ? [e.detail.value] : [])}
          ariaLabel={q.QuestionTitle ?? q.QuestionId}
          items={[
            ...choices.map((c) => ({ value: c.ChoiceId, label: c.ChoiceTitle ?? c.ChoiceId, description: c.ChoiceDescription })),
            ...(optional ? [{ value: '', label: 'Not specified' }] : []),
          ]}
        />
      ) : (
        <SpaceBetween size="xxs">
          {choices.map((c) => (
            <Checkbox
              key={c.ChoiceId}
              checked={value.includes(c.ChoiceId)}
              description={c.ChoiceDescription}
              onChange={(e) => onChange(e.detail.checked ? [...value, c.ChoiceId] : value.filter((x) => x !== c.ChoiceId))}
            >
              {c.ChoiceTitle ?? c.ChoiceId}
            </Checkbox>
          ))}
        </SpaceBetween>
      )}
    </FormField>
  );
}
