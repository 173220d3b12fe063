// The validator's messages for a lens that failed to import, one list item
// per problem with its location first: line and column, then the JSON path
// and the ids it lies in. The server puts each problem in the
// ValidationException's Fields as Name = JSON path and Message = "what is
// wrong (pillar "p", question "q"; line L, column C)"; a document that is not
// JSON has no fields, only a message ending in "(line L, column C)".
// Everything is rendered as React text: the messages quote the document.
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import { ApiError } from '../../api/client';
import { errorText } from '../../format';

export interface Problem {
  line?: number;
  col?: number;
  path?: string;
  context?: string;
  message: string;
}

/** splitWhere separates "message (context; line L, column C)" into its
 * parts; a message without such a suffix is returned whole. */
export function splitWhere(msg: string): { message: string; line?: number; col?: number; context?: string } {
  const m = msg.trimEnd();
  if (!m.endsWith(')')) return { message: msg };
  // The suffix is the last balanced parenthesis: the message itself may hold some.
  let depth = 0;
  let open = -1;
  for (let i = m.length - 1; i >= 0; i--) {
    if (m[i] === ')') depth++;
    else if (m[i] === '(' && --depth === 0) {
      open = i;
      break;
    }
  }
  if (open < 0) return { message: msg };
  const parts = m.slice(open + 1, -1).split('; ');
  let line: number | undefined;
  let col: number | undefined;
  const context: string[] = [];
  for (const p of parts) {
    const at = /^line (\d+), column (\d+)$/.exec(p);
    if (at) {
      line = Number(at[1]);
      col = Number(at[2]);
    } else if (/^(pillar|question|choice) "/.test(p)) context.push(p);
    else return { message: msg }; // not a location suffix after all
  }
  return { message: m.slice(0, open).trimEnd(), line, col, context: context.join(', ') || undefined };
}

/** problemsOf lists the problems of an import's error, sorted by position. */
export function problemsOf(e: unknown): Problem[] {
  if (!(e instanceof ApiError) || e.type !== 'ValidationException') return [];
  const out: Problem[] = e.fields.length
    ? e.fields.map((f) => ({ path: f.Name, ...splitWhere(f.Message ?? '') }))
    : [{ ...splitWhere(e.message) }];
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function location(p: Problem): string {
  const where = [p.line ? `Line ${p.line}, column ${p.col}` : '', p.path ?? ''].filter(Boolean);
  return where.join(' · ') || 'Document';
}

/** ImportProblems shows an import's error: the problems per location, with
 * the offending line of the submitted text when there is one. */
export function ImportProblems({ error, text }: { error: unknown; text: string }) {
  if (!error) return null;
  const problems = problemsOf(error);
  if (problems.length === 0)
    return (
      <Alert type="error" header="The lens was not imported">
        {errorText(error)}
      </Alert>
    );
  const lines = text.split('\n');
  return (
    <Alert type="error" header={`The lens was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
      <ol data-testid="import-problems" style={{ paddingLeft: 20, margin: 0 }}>
        {problems.map((p, i) => (
          <li key={i} style={{ marginBottom: 6 }}>
            <b data-testid="problem-location">{location(p)}</b>
            {p.context && <Box variant="small" display="inline"> ({p.context})</Box>}: {p.message}
            {p.line && lines[p.line - 1] !== undefined && (
              <Box variant="code" display="block" fontSize="body-s">
                {p.line}: {lines[p.line - 1].trim().slice(0, 160)}
              </Box>
            )}
          </li>
        ))}
      </ol>
    </Alert>
  );
}
