/** Structured JSON log lines. Callers pass ids, counts and durations only: never tokens, keys or answer text. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/**
 * Writes one JSON object per line to the given sink (stdout by default). With `traceId`, a line written while a traced
 * request is handled carries its trace id (`traceId`, the operation id in Application Insights).
 */
export function jsonLogger(
  sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  traceId: () => string | undefined = () => undefined,
): Logger {
  const write = (level: string, event: string, fields: LogFields = {}) =>
    sink(JSON.stringify({ time: new Date().toISOString(), level, event, traceId: traceId(), ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** A logger that keeps nothing; for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Printable id characters of Teams, Bot Framework and Entra ids (GUIDs, `f:…`, `29:…`, `a:…|…`). */
const LOGGABLE_ID = /^[A-Za-z0-9._:|@+=/-]{1,128}$/;

/**
 * An id taken from a request, ready for a log field: itself when short and plain, "invalid" otherwise. A request
 * can put anything up to the body limit there, and one line per request must stay one short line.
 */
export function loggableId(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && LOGGABLE_ID.test(value) ? value : 'invalid';
}
