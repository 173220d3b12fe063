// Edit a review template's name, description and notes, with the same
// checks as when it was created. Lenses are added or removed by the API's
// UpdateReviewTemplate too, but a workload created from the template keeps
// what it got, so they are left to a new template.
import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Textarea from '@cloudscape-design/components/textarea';
import { updateReviewTemplate } from '../../api/gen/ops';
import type { ReviewTemplate } from '../../api/gen/types';
import { ActionModal } from '../../components/ActionModal';
import { NOTES_MAX } from '../../components/answering';
import { useFlash } from '../../flash';
import { textError } from './CreateTemplate';

export function EditTemplate({ tpl, onClose, onSaved }: { tpl: ReviewTemplate; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(tpl.TemplateName ?? '');
  const [description, setDescription] = useState(tpl.Description ?? '');
  const [notes, setNotes] = useState(tpl.Notes ?? '');
  const flash = useFlash();
  const nameError = textError(name, 'name', 100);
  const descError = textError(description, 'description', 250);
  const notesError = notes.length > NOTES_MAX ? `Notes have at most ${NOTES_MAX} characters.` : undefined;
  return (
    <ActionModal
      header="Edit review template"
      action="Save"
      testId="save-template"
      disabled={!!(nameError || descError || notesError)}
      onClose={onClose}
      run={async () => {
        await updateReviewTemplate({ TemplateArn: tpl.TemplateArn!, TemplateName: name.trim(), Description: description.trim(), Notes: notes });
        flash({ type: 'success', content: `Saved ${name.trim()}.` });
        onSaved();
      }}
    >
      <FormField label="Name" constraintText="3 to 100 characters." errorText={nameError}>
        <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Template name" />
      </FormField>
      <FormField label="Description" constraintText="3 to 250 characters." errorText={descError}>
        <Input value={description} onChange={(e) => setDescription(e.detail.value)} ariaLabel="Template description" />
      </FormField>
      <FormField label="Notes - optional" constraintText={`${NOTES_MAX - notes.length} characters remaining`} errorText={notesError}>
        <Textarea value={notes} onChange={(e) => setNotes(e.detail.value)} ariaLabel="Template notes" rows={3} />
      </FormField>
    </ActionModal>
  );
}
