// HelpText shows a lens's plain text (a description, a helpful resource, an
// improvement plan) with its shape kept: lens authors write lists and small
// headings as lines, and the API carries them as plain text. Everything is
// rendered as React text, so markup in a custom lens stays inert.
import type { CSSProperties } from 'react';

/** A Block is one piece of a text: a paragraph, a small heading or a list. */
export type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; text: string }
  | { kind: 'ul'; items: string[] }
  | { kind: 'ol'; items: { n: number; text: string }[] };

// "• " is what wat's framework guidance writes; "- " and "* " are what
// people type in a custom lens.
const bullet = /^[•\-*]\s+(.*)$/;
const numbered = /^(\d{1,3})[.)]\s+(.*)$/;
// A long line ending with ":" is a sentence that introduces what follows,
// not a heading.
const HEADING_MAX = 80;

/** blocks splits a text into its paragraphs, headings and lists. A blank
 * line ends a paragraph; consecutive lines of one paragraph stay lines. */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  const last = () => out[out.length - 1];
  let open = false; // whether the next plain line continues the last paragraph
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (!line) {
      open = false;
    } else if ((m = bullet.exec(line))) {
      const b = last();
      if (b?.kind === 'ul') b.items.push(m[1]);
      else out.push({ kind: 'ul', items: [m[1]] });
      open = false;
    } else if ((m = numbered.exec(line))) {
      const b = last();
      const item = { n: Number(m[1]), text: m[2] };
      if (b?.kind === 'ol') b.items.push(item);
      else out.push({ kind: 'ol', items: [item] });
      open = false;
    } else if (line.endsWith(':') && line.length <= HEADING_MAX) {
      out.push({ kind: 'h', text: line.slice(0, -1) });
      open = false;
    } else {
      const b = last();
      if (open && b?.kind === 'p') b.lines.push(line);
      else out.push({ kind: 'p', lines: [line] });
      open = true;
    }
  }
  return out;
}

/** HelpText renders text as blocks. compact drops the browser's list
 * margins, for a text inside a table cell (the help panel styles its own). */
export function HelpText({ text, compact }: { text?: string; compact?: boolean }) {
  if (!text?.trim()) return null;
  const list: CSSProperties | undefined = compact ? { margin: '4px 0', paddingLeft: 20 } : undefined;
  const para: CSSProperties | undefined = compact ? { margin: '4px 0' } : undefined;
  return (
    <>
      {blocks(text).map((b, i) => {
        switch (b.kind) {
          case 'h':
            return <h4 key={i}>{b.text}</h4>;
          case 'ul':
            return (
              <ul key={i} style={list}>
                {b.items.map((t, j) => (
                  <li key={j}>{t}</li>
                ))}
              </ul>
            );
          case 'ol':
            return (
              // value keeps the author's numbers, even when a step is skipped.
              <ol key={i} style={list}>
                {b.items.map((t, j) => (
                  <li key={j} value={t.n}>
                    {t.text}
                  </li>
                ))}
              </ol>
            );
          default:
            return (
              <p key={i} style={para}>
                {b.lines.map((l, j) => (
                  <span key={j}>
                    {j > 0 && <br />}
                    {l}
                  </span>
                ))}
              </p>
            );
        }
      })}
    </>
  );
}
