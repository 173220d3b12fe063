// The console's shell: the session, the top navigation, the side navigation
// and the page of the current route.
import { useEffect, useState } from 'react';
import AppLayout from '@cloudscape-design/components/app-layout';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import Flashbar, { type FlashbarProps } from '@cloudscape-design/components/flashbar';
import { session as sessionApi, setSession, whenSignedOut, type Session } from './api/client';
import { followLink, useRoute } from './router';
import { SignIn } from './pages/SignIn';
import { Page } from './pages/Page';
import { FlashContext } from './flash';
import { prefetchWorkloads } from './prefetch';
import { HelpContext, useHelpState } from './help/context';
import { HelpDrawer } from './help/Help';

export function App() {
  const [session, setS] = useState<Session | null | undefined>(undefined);
  const [flash, setFlash] = useState<FlashbarProps.MessageDefinition[]>([]);
  // Open unless the user closes it (or the window is narrow, as Cloudscape decides on its own).
  const [navOpen, setNavOpen] = useState(() => window.innerWidth >= 688);
  const route = useRoute();
  const help = useHelpState(route.path);

  const signedIn = (s: Session | null) => {
    setSession(s);
    setS(s);
  };
  useEffect(() => {
    whenSignedOut(() => signedIn(null));
    sessionApi.get().then(
      (s) => {
        if (!s) return signedIn(null);
        setSession(s);
        if (!window.location.hash || window.location.hash === '#/') prefetchWorkloads();
        signedIn(s);
      },
      () => signedIn(null),
    );
  }, []);

  if (session === undefined) return null;
  if (session === null) return <SignIn onSignedIn={signedIn} />;

  const notify = (m: FlashbarProps.MessageDefinition) => {
    const id = String(Date.now() + Math.random());
    const drop = () => setFlash((x) => x.filter((y) => y.id !== id));
    setFlash((f) => [...f.slice(-2), { ...m, id, dismissible: true, dismissLabel: 'Dismiss message', onDismiss: drop }]);
    // Successes fade after a while; errors stay until dismissed.
    if (m.type === 'success') setTimeout(drop, 8000);
  };
  const section = '/' + (route.parts[0] ?? '');

  return (
    <FlashContext.Provider value={notify}>
      <HelpContext.Provider value={help.context}>
        <div id="top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
          <TopNavigation
            identity={{ href: '#/', title: 'wat — Well-Architected Tool', onFollow: followLink }}
            utilities={[
              { type: 'button', text: 'Share invitations', href: '#/invitations', onClick: followLink as never },
              {
                type: 'menu-dropdown',
                text: session.userName,
                description: `Account ${session.accountId}${session.isAdmin ? ' (admin)' : ''}`,
                iconName: 'user-profile',
                items: [{ id: 'signout', text: 'Sign out' }],
                onItemClick: async (e) => {
                  if (e.detail.id === 'signout') {
                    const out = await sessionApi.signOut().catch(() => ({ signOutUrl: undefined }));
                    // A single sign-on session ends at the provider too.
                    if (out.signOutUrl) {
                      window.location.assign(out.signOutUrl);
                      return;
                    }
                    signedIn(null);
                    window.location.hash = '/';
                  }
                },
              },
            ]}
          />
        </div>
        <AppLayout
          headerSelector="#top-nav"
          {...help.layoutProps}
          tools={help.topic && <HelpDrawer topic={help.topic} />}
          navigationOpen={navOpen}
          onNavigationChange={(e) => setNavOpen(e.detail.open)}
          notifications={<Flashbar items={flash} />}
          navigation={
            <SideNavigation
              activeHref={'#' + section}
              header={{ href: '#/', text: 'Well-Architected Tool' }}
              onFollow={followLink}
              items={[
                { type: 'link', text: 'Dashboard', href: '#/' },
                { type: 'link', text: 'Workloads', href: '#/workloads' },
                { type: 'link', text: 'Custom lenses', href: '#/lenses' },
                { type: 'link', text: 'Lens catalog', href: '#/lens-catalog' },
                { type: 'link', text: 'Profiles', href: '#/profiles' },
                { type: 'link', text: 'Review templates', href: '#/templates' },
                { type: 'link', text: 'Share invitations', href: '#/invitations' },
                { type: 'link', text: 'Agent', href: '#/agent' },
                { type: 'link', text: 'Notifications', href: '#/notifications' },
                { type: 'divider' },
                { type: 'link', text: 'Settings', href: '#/settings' },
              ]}
            />
          }
          content={<Page route={route} session={session} />}
        />
      </HelpContext.Provider>
    </FlashContext.Provider>
  );
}
