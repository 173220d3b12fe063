// The account's global settings (GetGlobalSettings / UpdateGlobalSettings):
// organization sharing and discovery integration. Only the settings changed
// are sent: the server refuses any mention of organization sharing from an
// account that is not an organization's management account, and that
// refusal is shown as it says it.
import { useEffect, useState } from 'react';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Toggle from '@cloudscape-design/components/toggle';
import { getGlobalSettings, updateGlobalSettings } from '../../api/gen/ops';
import type { GetGlobalSettingsOutput, UpdateGlobalSettingsInput } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';

export function GlobalSettingsPanel() {
  const current = useAsync(() => getGlobalSettings(), []);
  const [draft, setDraft] = useState<GetGlobalSettingsOutput>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const flash = useFlash();
  useEffect(() => setDraft(current.data ?? {}), [current.data]);
  const changed: UpdateGlobalSettingsInput = {};
  if (current.data && draft.OrganizationSharingStatus !== current.data.OrganizationSharingStatus) changed.OrganizationSharingStatus = draft.OrganizationSharingStatus;
  if (current.data && draft.DiscoveryIntegrationStatus !== current.data.DiscoveryIntegrationStatus) changed.DiscoveryIntegrationStatus = draft.DiscoveryIntegrationStatus;
  const dirty = Object.keys(changed).length > 0;

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await updateGlobalSettings(changed);
      flash({ type: 'success', content: 'Settings saved.' });
      current.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const on = (v?: string) => v === 'ENABLED';
  const status = (b: boolean): 'ENABLED' | 'DISABLED' => (b ? 'ENABLED' : 'DISABLED');

  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Settings of the whole account."
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button disabled={!dirty} onClick={() => (setDraft(current.data ?? {}), setError(undefined))}>
                Reset
              </Button>
              <Button variant="primary" disabled={!dirty} loading={busy} onClick={save} data-testid="save-settings">
                Save
              </Button>
            </SpaceBetween>
          }
        >
          Account settings
        </Header>
      }
    >
      <SpaceBetween size="m">
        <ErrorAlert error={error ?? current.error} header="The settings were not saved" />
        <Toggle
          checked={on(draft.OrganizationSharingStatus)}
          disabled={!current.data}
          onChange={(e) => setDraft({ ...draft, OrganizationSharingStatus: status(e.detail.checked) })}
          description="Share workloads, lenses, profiles and templates with the organization and its units. Only an organization's management account can turn it on."
        >
          Organization sharing: {on(draft.OrganizationSharingStatus) ? 'enabled' : 'disabled'}
        </Toggle>
        <Toggle
          checked={on(draft.DiscoveryIntegrationStatus)}
          disabled={!current.data}
          onChange={(e) => setDraft({ ...draft, DiscoveryIntegrationStatus: status(e.detail.checked) })}
          description="Let workloads be linked to the applications and resources discovered for them."
        >
          Discovery integration: {on(draft.DiscoveryIntegrationStatus) ? 'enabled' : 'disabled'}
        </Toggle>
      </SpaceBetween>
    </Container>
  );
}
