// Pages beyond the review workflow: custom lenses, the lens catalog, profiles, the Agent, review
// templates, notifications and settings. Each is loaded on first visit, so
// the dashboard's first paint does not wait for code most visits never use.
import { lazy, Suspense } from 'react';
import Box from '@cloudscape-design/components/box';
import Spinner from '@cloudscape-design/components/spinner';
import type { Session } from '../api/client';
import type { Route } from '../router';

const Lenses = lazy(() => import('./lenses/Lenses').then((m) => ({ default: m.Lenses })));
const CustomLensDetail = lazy(() => import('./lenses/CustomLensDetail').then((m) => ({ default: m.CustomLensDetail })));
const Catalog = lazy(() => import('./lenses/Catalog').then((m) => ({ default: m.Catalog })));
const CatalogEntry = lazy(() => import('./lenses/CatalogEntry').then((m) => ({ default: m.CatalogEntry })));
const Notifications = lazy(() => import('./Notifications').then((m) => ({ default: m.Notifications })));
const Profiles = lazy(() => import('./profiles/Profiles').then((m) => ({ default: m.Profiles })));
const ProfileForm = lazy(() => import('./profiles/ProfileForm').then((m) => ({ default: m.ProfileForm })));
const ProfileDetail = lazy(() => import('./profiles/ProfileDetail').then((m) => ({ default: m.ProfileDetail })));
const Templates = lazy(() => import('./templates/Templates').then((m) => ({ default: m.Templates })));
const CreateTemplate = lazy(() => import('./templates/CreateTemplate').then((m) => ({ default: m.CreateTemplate })));
const TemplateDetail = lazy(() => import('./templates/TemplateDetail').then((m) => ({ default: m.TemplateDetail })));
const TemplateAnswers = lazy(() => import('./templates/TemplateAnswers').then((m) => ({ default: m.TemplateAnswers })));
const AgentProfiles = lazy(() => import('./agent/AgentProfiles').then((m) => ({ default: m.AgentProfiles })));
const CreateAgentProfile = lazy(() => import('./agent/CreateAgentProfile').then((m) => ({ default: m.CreateAgentProfile })));
const AgentProfile = lazy(() => import('./agent/AgentProfile').then((m) => ({ default: m.AgentProfile })));
const AgentRecommendation = lazy(() => import('./agent/AgentRecommendation').then((m) => ({ default: m.AgentRecommendation })));
const Settings = lazy(() => import('./settings/Settings').then((m) => ({ default: m.Settings })));

/** extraPage returns the page of a route of these sections, or null. Path
 * parts arrive decoded: an ARN is one part (href encodes its "/"). */
export function extraPage(route: Route, session: Session): React.ReactElement | null {
  const page = pageOf(route, session);
  if (!page) return null;
  return (
    <Suspense
      fallback={
        <Box padding="xxl" textAlign="center">
          <Spinner size="large" /> Loading…
        </Box>
      }
    >
      {page}
    </Suspense>
  );
}

function pageOf(route: Route, session: Session): React.ReactElement | null {
  const [a, b, c, d, e] = route.parts;
  const tab = route.query.get('tab') ?? '';
  switch (a) {
    case 'lenses':
      if (!b) return <Lenses tab={tab} />;
      if (!c) return <CustomLensDetail key={b} alias={b} session={session} />;
      return null;
    case 'lens-catalog':
      if (!b) return <Catalog />;
      return c ? null : <CatalogEntry key={b} id={b} />;
    case 'notifications':
      return b ? null : <Notifications />;
    case 'profiles':
      if (!b) return <Profiles tab={tab} />;
      if (b === 'new' && !c) return <ProfileForm />;
      if (!c) return <ProfileDetail key={b} arn={b} session={session} />;
      if (c === 'edit') return <ProfileForm key={b} editArn={b} />;
      return null;
    case 'templates':
      if (!b) return <Templates />;
      if (b === 'new' && !c) return <CreateTemplate />;
      if (!c) return <TemplateDetail key={b} arn={b} />;
      if (c === 'lens' && d) return <TemplateAnswers key={b + '|' + d} arn={b} alias={d} question={e} />;
      return null;
    case 'agent':
      if (!b) return <AgentProfiles />;
      if (b === 'new' && !c) return <CreateAgentProfile session={session} />;
      if (c === 'edit' && !d) return <CreateAgentProfile key={b} session={session} editArn={b} />;
      return c ? null : <AgentProfile key={b} arn={b} />;
    case 'agent-recommendations':
      return b && !c ? <AgentRecommendation key={b} arn={b} /> : null;
    case 'settings':
      return b ? null : <Settings session={session} />;
  }
  return null;
}
