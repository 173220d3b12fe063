// "Start generation": a dialog for StartAgentRecommendationGeneration's
// request — its pillars (the profile's to begin with), each pillar
// narrowed, if one likes, to some of the profile's workloads and some of
// the framework's practices, and an additional context. The API's field
// errors are shown beside the field they name, and nothing typed is lost
// on an error (or on closing the dialog: only a started generation clears it).
import { useEffect, useMemo, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { ApiError } from '../../api/client';
import { startAgentRecommendationGeneration } from '../../api/gen/ops';
import type { AggregationConfiguration, Pillar, PillarItem } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { pillars as allPillars } from './common';
import { PillarSelect } from './PillarSelect';
import { PillarNarrowing, emptyNarrowing, type Narrowing, type NarrowingErrors } from './PillarNarrowing';
import { contextBytes, maxContextBytes, profileWorkloads, splitIds, usePractices } from './scopeChoices';

/** The profile a generation is started for, as much as the dialog needs. */
export interface GenerationProfile {
  arn: string;
  pillars: Pillar[];
  aggregationConfiguration: AggregationConfiguration[];
}

/** Where each ID of a sent pillar item came from, to place its error. */
type Source = keyof NarrowingErrors;

/** request builds the scope's items from the narrowings, with the field
 * each ID came from, in the order sent. */
function request(pillars: Pillar[], narrowing: Partial<Record<Pillar, Narrowing>>) {
  const items: PillarItem[] = [];
  const sources: { pillar: Pillar; from: Source[] }[] = [];
  for (const p of pillars) {
    const n = narrowing[p] ?? emptyNarrowing;
    const typed = splitIds(n.typed).ids;
    const ids = [...n.workloads, ...n.practices, ...typed];
    if (ids.length === 0) continue;
    items.push({ pillar: p, ids });
    sources.push({ pillar: p, from: [...n.workloads.map(() => 'workloads' as const), ...n.practices.map(() => 'practices' as const), ...typed.map(() => 'typed' as const)] });
  }
  return { items, sources };
}

/** placed sorts an API error's field messages by the dialog's fields;
 * rest is what no field shows. */
function placed(error: unknown, sources: { pillar: Pillar; from: Source[] }[], edited: Set<string>) {
  const byPillar: Partial<Record<Pillar, NarrowingErrors>> = {};
  const out = { pillars: '', context: '', byPillar, rest: [] as string[] };
  const add = (p: Pillar, f: Source, m: string) => {
    if (edited.has(`${p}:${f}`)) return;
    const e = (byPillar[p] ??= {});
    e[f] = e[f] ? `${e[f]} ${m}` : m;
  };
  for (const f of error instanceof ApiError ? error.fields : []) {
    const name = f.Name ?? '';
    const msg = f.Message ?? '';
    const item = /^scope\.items\[(\d+)\](?:\.ids\[(\d+)\]|\.pillar)?/.exec(name);
    if (item && sources[Number(item[1])]) {
      const s = sources[Number(item[1])];
      add(s.pillar, item[2] !== undefined ? (s.from[Number(item[2])] ?? 'typed') : 'workloads', msg);
    } else if (name.startsWith('scope.pillars') || name === 'scope') {
      if (!edited.has('pillars')) out.pillars = msg;
    } else if (name.startsWith('additionalContext')) {
      if (!edited.has('context')) out.context = msg;
    } else {
      out.rest.push(msg);
    }
  }
  return out;
}

export function StartGeneration({ profile, visible, onClose, onStarted }: { profile: GenerationProfile; visible: boolean; onClose: () => void; onStarted: () => void }) {
  const [pillars, setPillars] = useState<Pillar[]>(profile.pillars);
  const [narrowing, setNarrowing] = useState<Partial<Record<Pillar, Narrowing>>>({});
  const [context, setContext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<{ pillar: Pillar; from: Source[] }[]>([]);
  // The fields changed since the API's answer: its message on them is old.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const edit = (key: string) => setEdited((s) => (s.has(key) ? s : new Set(s).add(key)));
  // The profile's workloads, read when the dialog is first opened.
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (visible) setOpened(true);
  }, [visible]);
  const confKey = JSON.stringify(profile.aggregationConfiguration);
  const ws = useAsync(() => (opened ? profileWorkloads(profile.aggregationConfiguration) : Promise.resolve(undefined)), [opened, confKey]);
  const workloads = useMemo(() => ws.data?.workloads ?? [], [ws.data]);
  const reviewed = workloads.find((w) => w.framework)?.id;
  const practices = usePractices(reviewed);

  const bytes = contextBytes(context);
  const over = bytes > maxContextBytes;
  const badTyped = pillars.some((p) => splitIds(narrowing[p]?.typed ?? '').bad.length > 0);
  const errors = placed(error, sent, edited);
  // Once every field the API named was changed, its answer is old news.
  const marked = !!errors.pillars || !!errors.context || Object.values(errors.byPillar).some((e) => e && Object.values(e).some(Boolean));

  const start = async () => {
    if (busy || pillars.length === 0 || badTyped) return;
    const { items, sources } = request(pillars, narrowing);
    setBusy(true);
    setError(undefined);
    setSent(sources);
    setEdited(new Set());
    try {
      await startAgentRecommendationGeneration({
        profileArn: profile.arn,
        types: ['ARCHITECTURE'],
        scope: { pillars, items: items.length > 0 ? items : undefined },
        additionalContext: context.trim() ? context : undefined,
      });
      setNarrowing({});
      setContext('');
      setPillars(profile.pillars);
      onStarted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      visible={visible}
      onDismiss={onClose}
      size="large"
      header="Start generation"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" loading={busy} disabled={pillars.length === 0 || badTyped} onClick={() => void start()} data-testid="agent-generation-start">
              Start generation
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={(e) => (e.preventDefault(), void start())} data-testid="agent-generation-form">
        <SpaceBetween size="l">
          <FormField label="Pillars" description="The pillars the recommendations are on; the profile's to begin with." errorText={errors.pillars || (pillars.length === 0 ? 'Choose at least one pillar.' : undefined)}>
            <PillarSelect
              value={pillars}
              onChange={(ps) => {
                edit('pillars');
                setPillars(allPillars.filter((p) => ps.includes(p)));
              }}
              ariaLabel="Generation pillars"
            />
          </FormField>
          <Box variant="p" color="text-body-secondary">
            A pillar is whole unless narrowed: to some workloads of the profile, to some of the framework's practices, or both.
            {ws.data && !ws.data.filtered && ' Not every workload listed may be in the profile\u2019s scope: the API says which are not.'}
          </Box>
          <ErrorAlert error={ws.error} header="The workloads could not be read" />
          {pillars.map((p) => (
            <PillarNarrowing
              key={p}
              pillar={p}
              value={narrowing[p] ?? emptyNarrowing}
              onChange={(n, field) => {
                edit(`${p}:${field}`);
                setNarrowing((s) => ({ ...s, [p]: n }));
              }}
              workloads={workloads}
              workloadsLoading={ws.loading}
              practices={practices.byPillar[p]}
              loadPractices={reviewed ? () => void practices.load(p) : undefined}
              errors={errors.byPillar[p] ?? {}}
            />
          ))}
          <div data-testid="agent-generation-context-field">
            <FormField
              label={
                <span>
                  Additional context <i>- optional</i>
                </span>
              }
              description="What the Agent should weigh: workloads, pillars or practices that matter most. Recommendations it mentions rank higher."
              constraintText={`${bytes.toLocaleString('en')} of ${maxContextBytes.toLocaleString('en')} bytes, counted as sent (a JSON string).`}
              errorText={errors.context || (over ? `The context is ${bytes.toLocaleString('en')} bytes long; at most ${maxContextBytes.toLocaleString('en')} are kept.` : undefined)}
            >
              <Textarea value={context} onChange={(e) => (edit('context'), setContext(e.detail.value))} rows={5} ariaLabel="Additional context" />
            </FormField>
          </div>
          {error !== undefined &&
            (errors.rest.length > 0 || !(error instanceof ApiError) || error.fields.length === 0 ? (
              <ErrorAlert error={error} header="The generation was not started" />
            ) : (
              marked && (
                <Alert type="error" header="The generation was not started">
                  The fields marked say what to change.
                </Alert>
              )
            ))}
        </SpaceBetween>
      </form>
    </Modal>
  );
}
