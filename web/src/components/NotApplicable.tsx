// "Mark best practice(s) that don't apply": per practice, a reason and
// details (up to 250 characters), for workload reviews and review
// templates alike.
import Checkbox from '@cloudscape-design/components/checkbox';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Grid from '@cloudscape-design/components/grid';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ChoiceReason } from '../api/gen/types';
import { CHOICE_NOTES_MAX, isNone, reasons, type AnswerChoice, type NotApplicable } from './answering';

/** NotApplicablePractices edits na: onChange for a mark or a reason,
 * onNotesChange for details being typed (saved after a pause). */
export function NotApplicablePractices({
  choices,
  na,
  onChange,
  onNotesChange,
}: {
  choices: AnswerChoice[];
  na: NotApplicable;
  onChange: (next: NotApplicable) => void;
  onNotesChange: (next: NotApplicable) => void;
}) {
  return (
    <ExpandableSection headerText="Mark best practice(s) that don't apply" defaultExpanded={Object.keys(na).length > 0}>
      <SpaceBetween size="m">
        {choices
          .filter((c) => !isNone(c))
          .map((c) => {
            const x = na[c.ChoiceId];
            return (
              <SpaceBetween key={c.ChoiceId} size="xs">
                <Checkbox
                  checked={!!x}
                  onChange={(e) => {
                    const next = { ...na };
                    if (e.detail.checked) next[c.ChoiceId] = { Reason: 'NONE' };
                    else delete next[c.ChoiceId];
                    onChange(next);
                  }}
                >
                  {c.Title} does not apply
                </Checkbox>
                {x && (
                  <Grid gridDefinition={[{ colspan: 5 }, { colspan: 7 }]}>
                    <Select
                      selectedOption={reasons.find((r) => r.value === (x.Reason ?? 'NONE'))!}
                      onChange={(e) => onChange({ ...na, [c.ChoiceId]: { ...x, Reason: e.detail.selectedOption.value as ChoiceReason } })}
                      options={reasons}
                      ariaLabel={`Reason ${c.Title} does not apply`}
                    />
                    <FormField constraintText={`${CHOICE_NOTES_MAX - (x.Notes ?? '').length} characters remaining`}>
                      <Input
                        value={x.Notes ?? ''}
                        onChange={(e) => e.detail.value.length <= CHOICE_NOTES_MAX && onNotesChange({ ...na, [c.ChoiceId]: { ...x, Notes: e.detail.value } })}
                        placeholder="Details"
                        ariaLabel={`Details why ${c.Title} does not apply`}
                      />
                    </FormField>
                  </Grid>
                )}
              </SpaceBetween>
            );
          })}
      </SpaceBetween>
    </ExpandableSection>
  );
}
