// Publishing a lens's draft in two steps, as the AWS console does: first
// review what changed since the latest published version, then name the
// version and say whether it is major (a major version notifies the
// workloads using the lens that an upgrade is available).
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { ApiError } from '../../api/client';
import { createLensVersion, exportLens, getLensVersionDifference } from '../../api/gen/ops';
import type { LensSummary, PillarDifference } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { allNew, parseLensDoc } from './lensDoc';
import { VersionDiff } from './VersionDiff';

interface Changes {
  base?: string; // the latest published version; undefined for a first version
  pillars: PillarDifference[];
}

/** changesOf compares the draft with the latest published version. A lens
 * never published has nothing to compare with (the API answers
 * ResourceNotFound), so its draft, as ExportLens returns it, is all new. */
async function changesOf(alias: string): Promise<Changes> {
  try {
    const d = await getLensVersionDifference({ LensAlias: alias });
    return { base: d.BaseLensVersion, pillars: d.VersionDifferences?.PillarDifferences ?? [] };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const doc = await exportLens({ LensAlias: alias });
    return { pillars: allNew(parseLensDoc(doc.LensJSON ?? '{}')) };
  }
}

export function PublishLens({ lens, onClose, onPublished }: { lens: LensSummary; onClose: () => void; onPublished: (version: string) => void }) {
  const alias = lens.LensAlias ?? lens.LensArn ?? '';
  const changes = useAsync(() => changesOf(alias), [alias]);
  const [step, setStep] = useState<'review' | 'version'>('review');
  const [version, setVersion] = useState('');
  const [major, setMajor] = useState(true);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const nothing = !!changes.data && !!changes.data.base && changes.data.pillars.length === 0;
  const versionError = version.length > 32 ? 'A version name has at most 32 characters.' : undefined;

  const publish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await createLensVersion({ LensAlias: alias, LensVersion: version.trim(), IsMajorVersion: major });
      onPublished(version.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      visible
      size="large"
      onDismiss={onClose}
      header={step === 'review' ? `Publish ${lens.LensName}: review changes` : `Publish ${lens.LensName}: version`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            {step === 'review' ? (
              <Button variant="primary" disabled={!changes.data || nothing} onClick={() => setStep('version')} data-testid="publish-next">
                Next
              </Button>
            ) : (
              <>
                <Button onClick={() => setStep('review')}>Previous</Button>
                <Button variant="primary" disabled={!version.trim() || !!versionError} loading={busy} onClick={publish} data-testid="publish-submit">
                  Publish
                </Button>
              </>
            )}
          </SpaceBetween>
        </Box>
      }
    >
      {step === 'review' ? (
        <SpaceBetween size="m">
          <ErrorAlert error={changes.error} header="The changes could not be compared" />
          {changes.loading && <Box>Comparing the draft with the published version…</Box>}
          {changes.data && (
            <>
              <Box variant="p">
                {changes.data.base
                  ? `Changes in the draft since version ${changes.data.base}, per pillar.`
                  : 'The lens has never been published: this first version adds every pillar and question below.'}
              </Box>
              <VersionDiff pillars={changes.data.pillars} empty={`The draft is the same as version ${changes.data.base}: there is nothing to publish.`} />
            </>
          )}
        </SpaceBetween>
      ) : (
        <SpaceBetween size="m">
          <FormField
            label="Version name"
            description={changes.data?.base ? `The latest published version is ${changes.data.base}.` : 'For example 1.0.'}
            constraintText="1 to 32 characters; unique among the lens's versions."
            errorText={versionError}
          >
            <Input value={version} onChange={(e) => setVersion(e.detail.value)} ariaLabel="Version name" placeholder="1.0" />
          </FormField>
          <Checkbox
            checked={major}
            onChange={(e) => setMajor(e.detail.checked)}
            description="A major version leaves the workloads that use this lens on their version and notifies them that they can upgrade; a minor version moves the reviews of the current major version to it. A first version is always major."
          >
            This is a major version
          </Checkbox>
          <ErrorAlert error={error} header="The lens was not published" />
        </SpaceBetween>
      )}
    </Modal>
  );
}
