// Settings → Webhooks: the account's webhook subscriptions (wat's own
// operations): subscribe a URL to some or all events, enable or disable,
// rotate the signing secret (shown once, as when created), delete; and the
// selected subscription's delivery log with its last responses, each
// delivery replayable. Deliveries themselves are the server's.
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  rotateWebhookSecret,
  updateWebhookSubscription,
} from '../../api/gen/ops';
import type { WebhookSubscription } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { Deliveries } from './Deliveries';

/** The detail-types wat publishes (wat.EventDetailTypes). */
export const detailTypes = [
  'AWS API Call via CloudTrail',
  'Well-Architected Risk Changed',
  'Well-Architected Milestone Created',
  'Well-Architected Lens Upgrade Available',
  'Well-Architected Scan Evidence Uploaded',
  'Well-Architected Recommendation Generation Completed',
  'Well-Architected Jira Sync Failed',
  'Well-Architected Webhook Subscription Disabled',
];

export function Webhooks() {
  const subs = useAsync(() => listWebhookSubscriptions({ MaxResults: 100 }).then((r) => r.WebhookSubscriptions ?? []), []);
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ id: string; secret: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<WebhookSubscription[]>([]);
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
      subs.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(async () => {
      const out = await createWebhookSubscription({ Url: url.trim(), DetailTypes: types });
      setSecret({ id: out.WebhookSubscription?.SubscriptionId ?? '', secret: out.Secret ?? '' });
      setUrl('');
      setTypes([]);
    });
  const one = selected[0];
  return (
    <SpaceBetween size="s">
      <Container
        data-testid="webhooks"
        header={
          <Header variant="h2" description="Events of this account posted to your endpoints, signed as Standard Webhooks defines (webhook-id, webhook-timestamp, webhook-signature).">
            Webhooks
          </Header>
        }
      >
        <SpaceBetween size="s">
          <ErrorAlert error={subs.error ?? error} header="The webhook subscriptions could not be changed or read" />
          {secret && (
            <Alert type="success" header={`The signing secret of ${secret.id}, shown this once`} dismissible onDismiss={() => setSecret(undefined)}>
              <Box variant="code" data-testid="webhook-secret">
                {secret.secret}
              </Box>
            </Alert>
          )}
          <SpaceBetween size="xs" direction="horizontal" alignItems="end">
            <FormField label="Endpoint URL">
              <Input value={url} placeholder="https://hooks.example.com/wat" onChange={(e) => setUrl(e.detail.value)} data-testid="webhook-url" />
            </FormField>
            <FormField label="Events (all when none)">
              <Multiselect
                selectedOptions={types.map((t) => ({ label: t, value: t }))}
                options={detailTypes.map((t) => ({ label: t, value: t }))}
                onChange={(e) => setTypes(e.detail.selectedOptions.map((o) => o.value ?? ''))}
                placeholder="All events"
              />
            </FormField>
            <Button variant="primary" disabled={!url.trim() || busy} onClick={create} data-testid="webhook-create">
              Subscribe
            </Button>
          </SpaceBetween>
        </SpaceBetween>
      </Container>
      <Table
        data-testid="webhook-table"
        loading={subs.loading}
        items={subs.data ?? []}
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        trackBy="SubscriptionId"
        header={
          <Header
            variant="h3"
            counter={`(${subs.data?.length ?? 0})`}
            actions={
              <SpaceBetween size="xs" direction="horizontal">
                <Button
                  disabled={!one || busy}
                  onClick={() => act(() => updateWebhookSubscription({ SubscriptionId: one!.SubscriptionId!, Enabled: one!.Status !== 'ENABLED' }))}
                >
                  {one?.Status === 'ENABLED' ? 'Disable' : 'Enable'}
                </Button>
                <Button
                  disabled={!one || busy}
                  onClick={() =>
                    act(async () => {
                      const out = await rotateWebhookSecret({ SubscriptionId: one!.SubscriptionId! });
                      setSecret({ id: one!.SubscriptionId ?? '', secret: out.Secret ?? '' });
                    })
                  }
                >
                  Rotate secret
                </Button>
                <Button disabled={!one || busy} onClick={() => act(() => deleteWebhookSubscription({ SubscriptionId: one!.SubscriptionId! }).then(() => setSelected([])))}>
                  Delete
                </Button>
              </SpaceBetween>
            }
          >
            Subscriptions
          </Header>
        }
        empty={<Box textAlign="center">No subscriptions.</Box>}
        columnDefinitions={[
          { id: 'url', header: 'URL', cell: (s) => s.Url },
          { id: 'events', header: 'Events', cell: (s) => (s.DetailTypes?.length ? s.DetailTypes.join(', ') : 'All') },
          {
            id: 'status',
            header: 'Status',
            cell: (s) =>
              s.Status === 'ENABLED' ? (
                <StatusIndicator type="success">Enabled</StatusIndicator>
              ) : (
                <StatusIndicator type="stopped">{s.StatusReason ? `Disabled: ${s.StatusReason}` : 'Disabled'}</StatusIndicator>
              ),
          },
          { id: 'failures', header: 'Failures in a row', cell: (s) => s.ConsecutiveFailures ?? 0 },
        ]}
      />
      {one?.SubscriptionId && <Deliveries subscriptionId={one.SubscriptionId} />}
    </SpaceBetween>
  );
}
