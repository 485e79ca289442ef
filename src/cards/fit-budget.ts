/** Size of a string once written into card JSON, in UTF-8 bytes. */
export function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
}

/** Cuts text so its JSON form takes at most `maxBytes`, ending with an ellipsis when cut. */
export function clipBytes(text: string, maxBytes: number): string {
  if (jsonBytes(text) <= maxBytes) return text;
  const ellipsis = '…';
  let used = jsonBytes(ellipsis);
  let kept = '';
  for (const point of text) {
    used += jsonBytes(point);
    if (used > maxBytes) break;
    kept += point;
  }
  return `${kept.trimEnd()}${ellipsis}`;
}

export interface LineBudget {
  /** Bytes all lines together may take. */
  totalBytes: number;
  /** No line is longer than this, however much budget is left. */
  maxLineBytes: number;
  /** No line is cut shorter than this, however many lines there are. */
  minLineBytes: number;
  /** Lines beyond this in one group are replaced by a count. */
  maxLinesPerGroup: number;
}

export interface FittedLines {
  groups: string[][];
  truncated: boolean;
}

/** Shortens groups of lines (one group per answer) so that together they fit a byte budget. */
export function fitLines(groups: string[][], budget: LineBudget): FittedLines {
  let truncated = false;
  const capped = groups.map((lines) => {
    if (lines.length <= budget.maxLinesPerGroup) return lines;
    truncated = true;
    const hidden = lines.length - (budget.maxLinesPerGroup - 1);
    return [...lines.slice(0, budget.maxLinesPerGroup - 1), `… and ${hidden} more`];
  });
  const lineCount = capped.reduce((sum, lines) => sum + lines.length, 0);
  const perLine = Math.max(
    budget.minLineBytes,
    Math.min(budget.maxLineBytes, Math.floor(budget.totalBytes / Math.max(1, lineCount))),
  );
  const fitted = capped.map((lines) =>
    lines.map((line) => {
      const clipped = clipBytes(line, perLine);
      if (clipped !== line) truncated = true;
      return clipped;
    }),
  );
  return { groups: fitted, truncated };
}
