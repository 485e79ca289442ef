/** One problem in a content pack; `path` is a JSON Pointer into the file ('' is the whole document, absent when the file cannot be parsed). */
export interface ContentPackProblem {
  path?: string;
  message: string;
}

const MAX_LISTED = 20;

/** A content pack that cannot be read, parsed or validated; the message names the file and every problem's JSON path. */
export class ContentPackError extends Error {
  override name = 'ContentPackError';

  constructor(
    readonly file: string,
    readonly problems: readonly ContentPackProblem[],
  ) {
    super(formatProblems(file, problems));
  }
}

function formatProblems(file: string, problems: readonly ContentPackProblem[]): string {
  const lines = problems
    .slice(0, MAX_LISTED)
    .map((problem) =>
      problem.path === undefined ? problem.message : `${problem.path || '(top level)'}: ${problem.message}`,
    );
  if (problems.length > MAX_LISTED) lines.push(`... and ${problems.length - MAX_LISTED} more`);
  return `Content pack ${file} is invalid:\n  - ${lines.join('\n  - ')}`;
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}
