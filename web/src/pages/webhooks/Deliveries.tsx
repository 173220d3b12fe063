// A webhook subscription's delivery log, newest first: each delivery's
// event, status, attempts and last response (status and the first
// kilobyte of its body, as text), and replaying one as a new delivery.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { listWebhookDeliveries, redeliverWebhook } from '../../api/gen/ops';
import type { WebhookDelivery } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';

const statusOf = (d: WebhookDelivery) =>
  d.Status === 'DELIVERED' ? (
    <StatusIndicator type="success">Delivered</StatusIndicator>
  ) : d.Status === 'FAILED' ? (
    <StatusIndicator type="error">Failed</StatusIndicator>
  ) : (
    <StatusIndicator type="pending">Pending</StatusIndicator>
  );

export function Deliveries({ subscriptionId }: { subscriptionId: string }) {
  const log = useAsync(() => listWebhookDeliveries({ SubscriptionId: subscriptionId, MaxResults: 50 }).then((r) => r.Deliveries ?? []), [subscriptionId]);
  const [error, setError] = useState<unknown>();
  const replay = async (d: WebhookDelivery) => {
    setError(undefined);
    try {
      await redeliverWebhook({ SubscriptionId: subscriptionId, DeliveryId: d.DeliveryId! });
      log.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <ErrorAlert error={log.error ?? error} header="The delivery log could not be read or replayed" />
      <Table
        data-testid="webhook-deliveries"
        loading={log.loading}
        items={log.data ?? []}
        header={
          <Header variant="h3" counter={`(${log.data?.length ?? 0})`} actions={<Button iconName="refresh" ariaLabel="Refresh the delivery log" onClick={log.reload} />}>
            Delivery log
          </Header>
        }
        empty={<Box textAlign="center">Nothing delivered yet.</Box>}
        columnDefinitions={[
          { id: 'id', header: 'webhook-id', cell: (d) => d.DeliveryId },
          { id: 'type', header: 'Event', cell: (d) => d.DetailType },
          { id: 'status', header: 'Status', cell: statusOf },
          { id: 'attempts', header: 'Attempts', cell: (d) => d.Attempts ?? 0 },
          {
            id: 'response',
            header: 'Last response',
            cell: (d) => (d.LastResponseStatus ? `${d.LastResponseStatus} ${d.LastResponseBody ?? ''}` : (d.LastError ?? '-')),
          },
          { id: 'replay', header: '', cell: (d) => <Button variant="inline-link" onClick={() => replay(d)}>Replay</Button> },
        ]}
      />
    </>
  );
}
