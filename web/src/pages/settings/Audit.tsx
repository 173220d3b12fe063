// The account's audit log, newest first, in CloudTrail's event shape
// (GET /console/api/audit): a page at a time, older pages on demand, and the
// selected event in full. Every field is the server's text (user agents,
// request parameters): rendered as text, the JSON members pretty-printed.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useCollection } from '@cloudscape-design/collection-hooks';
import { consoleAudit, type AuditEvent } from '../../api/console';
import { ErrorAlert, useAsync } from '../../components/common';
import { when } from '../../format';

const PAGE = 50;

/** text shows any member as text: JSON for what is not a string. */
const text = (v: unknown): string => (v === undefined || v === null ? '-' : typeof v === 'string' ? v : JSON.stringify(v, null, 2));

function Result({ e }: { e: AuditEvent }) {
  if (e.errorCode) return <StatusIndicator type="error">{e.errorCode}</StatusIndicator>;
  return <StatusIndicator type="success">Success</StatusIndicator>;
}

export function Audit() {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<string>();
  const [more, setMore] = useState<{ loading: boolean; error?: unknown }>({ loading: false });
  const [selected, setSelected] = useState<AuditEvent[]>([]);
  const first = useAsync(
    () =>
      consoleAudit(PAGE).then((r) => {
        setEvents(r.events ?? []);
        setNext(r.nextToken);
        setSelected([]);
        return r;
      }),
    [],
  );
  const older = async () => {
    setMore({ loading: true });
    try {
      const r = await consoleAudit(PAGE, next);
      setEvents((es) => [...es, ...(r.events ?? [])]);
      setNext(r.nextToken);
      setMore({ loading: false });
    } catch (e) {
      setMore({ loading: false, error: e });
    }
  };
  const { items, collectionProps, filterProps, filteredItemsCount } = useCollection(events, {
    filtering: {
      filteringFunction: (e, t) =>
        [e.eventName, e.userIdentity?.userName, e.userIdentity?.arn, e.sourceIPAddress, e.errorCode].some((x) => (x ?? '').toLowerCase().includes(t.toLowerCase())),
      empty: <Box textAlign="center">No events yet.</Box>,
      noMatch: <Box textAlign="center">No loaded event matches the filter.</Box>,
    },
  });
  const one = selected[0];

  return (
    <SpaceBetween size="s">
      <ErrorAlert error={first.error ?? more.error} header="The audit log could not be read" />
      <Table
        {...collectionProps}
        data-testid="audit-table"
        header={
          <Header
            variant="h2"
            counter={`(${events.length}${next ? '+' : ''})`}
            description="Every call that changed something, and every console sign-in, newest first."
            actions={<Button iconName="refresh" ariaLabel="Refresh the audit log" onClick={first.reload} />}
          >
            Audit log
          </Header>
        }
        loading={first.loading}
        loadingText="Loading the audit log"
        wrapLines
        items={items}
        trackBy={(e) => e.eventID ?? `${e.eventTime}|${e.requestID}`}
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, e) => `Select ${e.eventName} at ${e.eventTime}`, selectionGroupLabel: 'Event selection' }}
        filter={<TextFilter {...filterProps} filteringPlaceholder="Find events by name, user, address or error" filteringAriaLabel="Find events" countText={`${filteredItemsCount ?? 0} matches`} />}
        columnDefinitions={[
          { id: 'time', header: 'Time', cell: (e) => when(e.eventTime, true) },
          { id: 'name', header: 'Event', cell: (e) => e.eventName ?? '-' },
          { id: 'user', header: 'User', cell: (e) => e.userIdentity?.userName || e.userIdentity?.arn || '-' },
          { id: 'source', header: 'Source address', cell: (e) => e.sourceIPAddress ?? '-' },
          { id: 'result', header: 'Result', cell: (e) => <Result e={e} /> },
        ]}
        footer={
          next && (
            <Box textAlign="center">
              <Button onClick={older} loading={more.loading}>
                Load older events
              </Button>
            </Box>
          )
        }
      />
      {one && <EventDetails e={one} />}
    </SpaceBetween>
  );
}

function EventDetails({ e }: { e: AuditEvent }) {
  const id = e.userIdentity ?? {};
  return (
    <Container header={<Header variant="h3">{`Event ${e.eventName ?? ''}`}</Header>}>
      <SpaceBetween size="m">
        <KeyValuePairs
          columns={3}
          items={[
            { label: 'Time', value: text(e.eventTime) },
            { label: 'Event source', value: text(e.eventSource) },
            { label: 'Event type', value: text(e.eventType) },
            { label: 'Region', value: text(e.awsRegion) },
            { label: 'Read only', value: e.readOnly ? 'Yes' : 'No' },
            { label: 'Request ID', value: text(e.requestID) },
            { label: 'Event ID', value: text(e.eventID) },
            { label: 'User', value: text(id.userName) },
            { label: 'User ARN', value: text(id.arn) },
            { label: 'Account', value: text(id.accountId) },
            { label: 'Access key', value: text(id.accessKeyId || undefined) },
            { label: 'Source address', value: text(e.sourceIPAddress) },
            { label: 'User agent', value: text(e.userAgent) },
            { label: 'Error code', value: text(e.errorCode) },
            { label: 'Error message', value: text(e.errorMessage) },
          ]}
        />
        <Box variant="awsui-key-label">Request parameters</Box>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 }}>{text(e.requestParameters)}</pre>
        <Box variant="awsui-key-label">Response elements</Box>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 }}>{text(e.responseElements)}</pre>
      </SpaceBetween>
    </Container>
  );
}
