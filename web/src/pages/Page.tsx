// The page of a route.
import Box from '@cloudscape-design/components/box';
import type { Session } from '../api/client';
import type { Route } from '../router';
import { lazy, Suspense } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import { Dashboard } from './Dashboard';
import { extraPage } from './extra';

// The dashboard is in the first bundle; every other page is fetched when
// first opened, so a cold load parses only what the dashboard needs.
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType<any>>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const Workloads = named(() => import('./Workloads'), 'Workloads');
const DefineWorkload = named(() => import('./DefineWorkload'), 'DefineWorkload');
const WorkloadDetails = named(() => import('./WorkloadDetails'), 'WorkloadDetails');
const LensReviewDetail = named(() => import('./LensReviewDetail'), 'LensReviewDetail');
const Review = named(() => import('./Review'), 'Review');
const MilestoneView = named(() => import('./MilestoneView'), 'MilestoneView');
const CompareMilestones = named(() => import('./CompareMilestones'), 'CompareMilestones');
const Invitations = named(() => import('./Invitations'), 'Invitations');

export function Page(props: { route: Route; session: Session }) {
  return (
    <Suspense fallback={<Spinner size="large" />}>
      <Routed {...props} />
    </Suspense>
  );
}

function Routed({ route, session }: { route: Route; session: Session }) {
  const [a, b, c, d, e, f] = route.parts;
  if (!a) return <Dashboard />;
  if (a === 'workloads') {
    if (!b) return <Workloads />;
    if (b === 'new') return <DefineWorkload />;
    if (!c) return <WorkloadDetails id={b} tab={route.query.get('tab') ?? 'overview'} />;
    if (c === 'edit') return <DefineWorkload editId={b} />;
    if (c === 'lens' && d && e === 'review') return <Review id={b} lens={d} question={f} />;
    if (c === 'lens' && d) return <LensReviewDetail id={b} lens={d} tab={route.query.get('tab') ?? 'overview'} milestone={num(route.query.get('milestone'))} />;
    if (c === 'milestones' && d) return <MilestoneView id={b} n={Number(d)} />;
    if (c === 'compare') return <CompareMilestones id={b} from={num(route.query.get('from'))} to={num(route.query.get('to'))} />;
  }
  if (a === 'invitations') return <Invitations />;
  const extra = extraPage(route, session);
  if (extra) return extra;
  return (
    <Box padding="xxl" textAlign="center">
      <h1>Page not found</h1>
      <a href="#/">Back to the dashboard</a>
    </Box>
  );
}

function num(s: string | null): number | undefined {
  if (s === null || s === '') return undefined;
  const n = Number(s);
  return Number.isInteger(n) ? n : undefined;
}
