// The page of a route.
import Box from '@cloudscape-design/components/box';
import type { Session } from '../api/client';
import type { Route } from '../router';
import { Dashboard } from './Dashboard';
import { Workloads } from './Workloads';
import { DefineWorkload } from './DefineWorkload';
import { WorkloadDetails } from './WorkloadDetails';
import { LensDetails } from './LensDetails';
import { Review } from './Review';
import { MilestoneView } from './MilestoneView';
import { CompareMilestones } from './CompareMilestones';
import { Invitations } from './Invitations';
import { extraPage } from './extra';

export function Page({ route, session }: { route: Route; session: Session }) {
  const [a, b, c, d, e, f] = route.parts;
  if (!a) return <Dashboard />;
  if (a === 'workloads') {
    if (!b) return <Workloads />;
    if (b === 'new') return <DefineWorkload />;
    if (!c) return <WorkloadDetails id={b} tab={route.query.get('tab') ?? 'overview'} />;
    if (c === 'edit') return <DefineWorkload editId={b} />;
    if (c === 'lens' && d && e === 'review') return <Review id={b} lens={d} question={f} />;
    if (c === 'lens' && d) return <LensDetails id={b} lens={d} tab={route.query.get('tab') ?? 'overview'} milestone={num(route.query.get('milestone'))} />;
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
