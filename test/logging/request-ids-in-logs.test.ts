/**
 * Log amplification before authentication: an activity's id is whatever the sender put in the body (up to the body
 * limit), and an unauthenticated request was logged with it twice (`http.unauthorized`, `http.activity`), so each
 * 400 KB request wrote 800 KB of log. Only a short id of plain characters is logged; anything else is "invalid".
 * The production entry runs in a process of its own, so everything it writes (its log lines and any library's
 * console output) is looked at.
 */
import { startProductionProcess, type ProductionProcess } from '../support/production-process';

let app: ProductionProcess;

beforeAll(async () => {
  app = await startProductionProcess();
}, 60_000);

afterAll(async () => {
  await app?.kill();
});

interface Written {
  status: number;
  /** Everything the process wrote (stdout and stderr) while handling the request. */
  text: string;
  /** Its http.unauthorized and http.activity lines. */
  lines: Record<string, unknown>[];
}

/** Posts an activity without a token; returns the status and what the process wrote meanwhile. */
async function postUnauthenticated(activity: Record<string, unknown>): Promise<Written> {
  const from = { stdout: app.output.stdout.length, stderr: app.output.stderr.length };
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Shaped as Teams sends it (a sender and a conversation), so it reaches authentication.
    body: JSON.stringify({ from: { id: '29:x' }, conversation: { id: 'a:x' }, ...activity }),
  });
  const lines = () =>
    app.output.stdout
      .slice(from.stdout)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.event === 'http.unauthorized' || entry.event === 'http.activity');
  // http.activity is the request's last line; it reaches the pipe about when the response does.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !lines().some((entry) => entry.event === 'http.activity'))
    await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    status: response.status,
    text: app.output.stdout.slice(from.stdout) + app.output.stderr.slice(from.stderr),
    lines: lines(),
  };
}

describe('ids from unauthenticated requests in the log', () => {
  it('a 400 KB activity id: 401, and the id never reaches the output (logged as "invalid")', async () => {
    const id = `huge-${'x'.repeat(400 * 1024)}`;
    const written = await postUnauthenticated({ type: 'message', id, channelId: 'msteams', text: 'hello' });
    expect(written.status).toBe(401);
    expect(written.text).not.toContain('x'.repeat(1024));
    expect(written.text.length).toBeLessThan(2 * 1024);
    expect(written.lines.map((entry) => [entry.event, entry.activityId])).toEqual([
      ['http.unauthorized', 'invalid'],
      ['http.activity', 'invalid'],
    ]);
  });

  it.each<[string, unknown]>([
    ['129 characters', `id-${'a'.repeat(126)}`],
    ['a line break and quotes', 'id-1\n{"event":"forged"}'],
    ['spaces', 'id 1'],
    ['a number instead of a string', 12345],
  ])('an id with %s is logged as "invalid"', async (_name, id) => {
    const written = await postUnauthenticated({ type: 'message', id, channelId: 'msteams' });
    expect(written.status).toBe(401);
    expect(written.lines.map((entry) => [entry.event, entry.activityId])).toEqual([
      ['http.unauthorized', 'invalid'],
      ['http.activity', 'invalid'],
    ]);
  });

  it('a plain Teams-shaped id is logged as it is (the log stays useful)', async () => {
    const id = 'f:1712345678901-a1B2|0000001';
    const written = await postUnauthenticated({ type: 'message', id, channelId: 'msteams' });
    expect(written.status).toBe(401);
    expect(written.lines.map((entry) => [entry.event, entry.activityId])).toEqual([
      ['http.unauthorized', id],
      ['http.activity', id],
    ]);
  });
});
