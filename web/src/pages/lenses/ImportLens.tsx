// Importing a custom lens: choose a JSON file (read in the browser, never
// uploaded elsewhere) or paste the document, as a new lens or as the new
// draft of a lens already owned. A rejected document shows the validator's
// problems per location.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FileUpload from '@cloudscape-design/components/file-upload';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { importLens } from '../../api/gen/ops';
import type { LensSummary } from '../../api/gen/types';
import { ImportProblems } from './ImportProblems';

/** The API accepts documents of at most 500,000 characters. */
const MAX_JSON = 500000;

export function ImportLens({
  owned,
  into,
  onClose,
  onImported,
}: {
  owned: LensSummary[];
  into?: string;
  onClose: () => void;
  onImported: (arn: string) => void;
}) {
  const [files, setFiles] = useState<File[]>([]);
  const [text, setText] = useState('');
  const [target, setTarget] = useState(into ?? '');
  const [error, setError] = useState<unknown>();
  const [fileError, setFileError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState('');

  const pick = async (fs: File[]) => {
    setFiles(fs);
    setFileError(undefined);
    if (!fs[0]) return;
    if (fs[0].size > MAX_JSON * 4) {
      setFileError('The file is larger than a lens can be (500,000 characters).');
      return;
    }
    try {
      setText(await fs[0].text());
    } catch {
      setFileError('The file could not be read.');
    }
  };
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    setSubmitted(text);
    try {
      const r = await importLens({ JSONString: text, LensAlias: target || undefined });
      onImported(r.LensArn ?? target);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const options = [{ value: '', label: 'A new lens' }, ...owned.map((l) => ({ value: l.LensAlias ?? l.LensArn ?? '', label: l.LensName, description: l.LensArn }))];
  const tooLong = text.length > MAX_JSON;

  return (
    <Modal
      visible
      size="large"
      onDismiss={onClose}
      header="Import custom lens"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" onClick={submit} loading={busy} disabled={text.trim().length < 2 || tooLong} data-testid="import-submit">
              Import
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          A custom lens is a JSON document in the custom-lens format: its pillars, questions, choices and risk rules. It is imported as
          a draft; publish it to use it in workload reviews.
        </Box>
        <FormField label="Import into" description="Importing into a lens you own replaces its draft; its published versions stay.">
          <Select
            selectedOption={options.find((o) => o.value === target) ?? options[0]}
            onChange={(e) => setTarget(e.detail.selectedOption.value ?? '')}
            options={options}
            ariaLabel="Import into"
          />
        </FormField>
        <FormField label="Lens file" description="A .json file; it is read in your browser." errorText={fileError}>
          <FileUpload
            value={files}
            onChange={(e) => pick(e.detail.value)}
            accept="application/json,.json"
            showFileSize
            i18nStrings={{
              uploadButtonText: () => 'Choose file',
              dropzoneText: () => 'Drop a file to import',
              removeFileAriaLabel: (_i, name) => `Remove ${name}`,
              limitShowFewer: 'Show fewer files',
              limitShowMore: 'Show more files',
              errorIconAriaLabel: 'Error',
              warningIconAriaLabel: 'Warning',
            }}
            data-testid="lens-file"
          />
        </FormField>
        <FormField
          label="Lens JSON"
          description="The document to import: the chosen file's contents, or paste it here."
          constraintText={`${text.length.toLocaleString()} of ${MAX_JSON.toLocaleString()} characters`}
          errorText={tooLong ? 'A lens has at most 500,000 characters.' : undefined}
          stretch
        >
          <Textarea value={text} onChange={(e) => setText(e.detail.value)} rows={12} ariaLabel="Lens JSON" spellcheck={false} />
        </FormField>
        <ImportProblems error={error} text={submitted} />
      </SpaceBetween>
    </Modal>
  );
}
