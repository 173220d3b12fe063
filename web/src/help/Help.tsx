// The help panel shown in the console's tools drawer, and the Info link
// that opens it, as in AWS's consoles. Every topic (a lens question or
// practice, framework or custom; a form field) goes through these two.
import HelpPanel from '@cloudscape-design/components/help-panel';
import Link from '@cloudscape-design/components/link';
import { SafeLink } from '../components/common';
import { safeUrl } from '../format';
import { useHelp, type HelpTopic } from './context';
import { HelpText } from './HelpText';

/** HelpDrawer is the panel for one topic. */
export function HelpDrawer({ topic }: { topic: HelpTopic }) {
  // A link that is not http(s) is left out rather than shown as bare text:
  // "Learn more" leading nowhere helps nobody.
  const links = (topic.links ?? []).filter((l) => safeUrl(l.url));
  return (
    <HelpPanel
      data-testid="help-drawer"
      header={<h2>{topic.title}</h2>}
      footer={
        links.length > 0 && (
          <ul data-testid="help-links">
            {links.map((l, i) => (
              <li key={i}>
                <SafeLink url={l.url}>{l.text}</SafeLink>
              </li>
            ))}
          </ul>
        )
      }
    >
      <div data-testid="help-panel">
        {topic.sections
          .filter((s) => s.text?.trim())
          .map((s, i) => (
            <section key={i}>
              {s.heading && <h3>{s.heading}</h3>}
              <HelpText text={s.text} />
            </section>
          ))}
      </div>
    </HelpPanel>
  );
}

/** InfoLink opens the help panel with topic. about names what it is about
 * for screen readers, which would otherwise hear many links all called
 * "Info"; it starts with "Info" so that voice control finds it by its
 * visible word. */
export function InfoLink({ topic, about }: { topic: HelpTopic; about?: string }) {
  const { show } = useHelp();
  return (
    <Link variant="info" ariaLabel={`Info about ${about ?? topic.title}`} onFollow={() => show(topic)}>
      Info
    </Link>
  );
}

/** WithInfo puts an Info link beside a control, such as a best practice's
 * checkbox: outside its label, so that following the link never toggles
 * the control, and at the end of the row, so that a list's links line up. */
export function WithInfo({ topic, about, children }: { topic: HelpTopic; about?: string; children: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'baseline', gap: 12 }}>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      <InfoLink topic={topic} about={about} />
    </div>
  );
}
