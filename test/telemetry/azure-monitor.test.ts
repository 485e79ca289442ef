import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { startFakeIngestion, type Envelope, type FakeIngestion } from '../support/fake-ingestion';
import { consentCardOf, consentInvoke, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';
import { until } from '../support/wait';

/**
 * The built bot in a process of its own (`npm run dev -- --no-playground`), with and without
 * APPLICATIONINSIGHTS_CONNECTION_STRING. With it, the real @azure/monitor-opentelemetry sends to a FAKE ingestion
 * endpoint (HTTPS on loopback); the Teams connector is a FAKE too. A preloaded script (support/network-report.js)
 * notes every connection the process makes, refuses any that would leave this machine, and lists the telemetry
 * modules it loaded. The export goes to a FAKE OneDrive upload session whose URL carries a `tempauth` credential.
 */
jest.setTimeout(120_000);

interface NetworkReport {
  connections: string[];
  refused: string[];
  telemetryModules: string[];
}

let cosmos: EmbeddedCosmos;
let connector: FakeConnector;
let ingestion: FakeIngestion;
let oneDrive: FakeOneDrive;
let folder: string;
/** The stdout lines of the run without telemetry that are not JSON (the dev banner), digits masked. */
let plainLinesWithoutTelemetry: string[] | undefined;
let onRun: BotProcess;

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  connector = await startFakeConnector();
  ingestion = await startFakeIngestion();
  oneDrive = await startFakeOneDrive();
  folder = mkdtempSync(path.join(tmpdir(), 'telemetry-test-'));
});
afterAll(async () => {
  await oneDrive?.close();
  await ingestion?.close();
  await connector?.close();
  await cosmos?.close();
  rmSync(folder, { recursive: true, force: true });
});

const portOf = (url: string) => new URL(url).port;
const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};
const plainLinesOf = (bot: BotProcess) =>
  bot.stdout.filter((line) => !isJson(line)).map((line) => line.replace(/\d+/g, '#'));

/**
 * Starts the bot process with these settings added, has one user start the questionnaire in Teams' normal mode, then
 * export their data and press Allow (the upload goes to the FAKE OneDrive).
 */
async function runOneTurn(
  name: string,
  env: Record<string, string>,
): Promise<{ bot: BotProcess; report: NetworkReport }> {
  const reportFile = path.join(folder, `${name}.json`);
  const bot = await startBotProcess({
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DATABASE: name,
    NODE_OPTIONS: `--require ${path.resolve(__dirname, '../support/network-report.js')}`,
    NETWORK_REPORT_FILE: reportFile,
    ...env,
  });
  try {
    const user = bot.user(`eeeeeeee-0000-4000-8000-00000000000${name.length % 10}`, 'Tess Telemetry');
    const sentBefore = connector.sent.length;
    const reply = await user.post({
      type: 'message',
      text: 'start',
      serviceUrl: connector.serviceUrl,
      deliveryMode: undefined,
    });
    expect(reply.status).toBe(200);
    expect(connector.sent.length).toBeGreaterThan(sentBefore);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);

    const card = consentCardOf((await user.say('export')).activities);
    expect(card).toBeDefined();
    const uploadsBefore = oneDrive.uploads().length;
    const accepted = await user.post(
      consentInvoke('accept', card?.content.acceptContext, oneDrive.uploadInfo(card?.name)),
    );
    expect(accepted.status).toBe(200);
    await until(() => oneDrive.uploads().length > uploadsBefore, 'the export upload');
  } finally {
    await bot.stop();
  }
  return { bot, report: JSON.parse(readFileSync(reportFile, 'utf8')) as NetworkReport };
}

/** The settings that send to the fake ingestion endpoint and nowhere else. */
const telemetryOn = () => ({
  APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
  NODE_EXTRA_CA_CERTS: ingestion.caFile,
  // Every trace kept (the default keeps 5 a second), and nothing sent to Microsoft's own endpoints (SDK statistics).
  OTEL_TRACES_SAMPLER: 'always_on',
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
  APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
  // As on App Service, so the resource detector does not probe for a virtual machine's metadata service.
  WEBSITE_SITE_NAME: 'strategy-guide-test',
});

const ofType = (type: string) => ingestion.envelopes.filter((envelope) => envelope.data?.baseType === type);
const operationOf = (envelope: Envelope) => envelope.tags?.['ai.operation.id'];

describe('Application Insights (real @azure/monitor-opentelemetry, FAKE ingestion endpoint)', () => {
  it('without the setting loads no telemetry module, sends nothing and connects only to Cosmos, the connector and OneDrive', async () => {
    const { bot, report } = await runOneTurn('off', {});
    expect(report.telemetryModules).toEqual([]);
    expect(report.refused).toEqual([]);
    const ports = new Set(report.connections.map((target) => target.split(':').at(-1)));
    expect([...ports].sort()).toEqual(
      [portOf(cosmos.endpoint), portOf(connector.serviceUrl), portOf(oneDrive.uploadInfo().uploadUrl)].sort(),
    );
    expect(ingestion.envelopes).toEqual([]);
    expect(bot.logs.some((line) => 'traceId' in line)).toBe(false);
    plainLinesWithoutTelemetry = plainLinesOf(bot);
  });

  it('with it sends the /api/messages request, its Cosmos and connector dependencies and the metrics; log lines carry the trace id', async () => {
    const { bot, report } = await runOneTurn('on', telemetryOn());
    onRun = bot;
    expect(report.telemetryModules.some((module) => module.includes('@azure/monitor-opentelemetry'))).toBe(true);
    // The distro polls its control plane 5-15 s after start; here that is kept from leaving the machine.
    expect(report.refused.filter((target) => target !== 'settings.sdk.monitor.azure.com:443')).toEqual([]);
    expect(report.connections).toContain(
      `127.0.0.1:${portOf(ingestion.connectionString.split('IngestionEndpoint=')[1])}`,
    );
    expect(ingestion.paths.every((route) => route === '/v2.1/track')).toBe(true);

    const requests = ofType('RequestData');
    // The platform's probes are not recorded; the turns are (start, export, the Allow invoke).
    expect(requests.map((request) => new URL(String(request.data?.baseData?.url)).pathname)).toEqual(
      Array(3).fill('/api/messages'),
    );
    const [turn] = requests;
    expect(turn.data?.baseData?.responseCode).toBe('200');
    const operation = operationOf(turn);
    expect(operation).toMatch(/^[0-9a-f]{32}$/);

    const dependencies = ofType('RemoteDependencyData').filter((dependency) => operationOf(dependency) === operation);
    const calls = dependencies.map((dependency) => String(dependency.data?.baseData?.name));
    // Cosmos DB's REST API (the person and session read, the answer batch) and the replies posted to the connector.
    expect(calls).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/dbs\/on\/colls\/users\/docs\//)]));
    expect(calls).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \/dbs\/on\/colls\/users\/docs$/)]));
    expect(calls).toEqual(
      expect.arrayContaining([expect.stringMatching(/^POST \/v3\/conversations\/a%3Apersonal-[^/]+\/activities/)]),
    );

    const turnLog = bot.logs.find((line) => line.event === 'turn.done');
    expect(turnLog?.traceId).toBe(operation);
    expect(bot.logs.find((line) => line.event === 'http.activity')?.traceId).toBe(operation);

    const metrics = ofType('MetricData').flatMap((envelope) =>
      ((envelope.data?.baseData?.metrics ?? []) as { name: string; value: number; count?: number }[]).map((metric) => ({
        ...metric,
        properties: envelope.data?.baseData?.properties ?? {},
      })),
    );
    const turns = metrics.filter((metric) => metric.name === 'strategyguide.turns');
    const turnsLogged = bot.logs.filter((line) => line.event === 'turn.done').length;
    expect(turnsLogged).toBeGreaterThan(0);
    expect(turns.map((metric) => [metric.properties.outcome, metric.value])).toEqual([['ok', turnsLogged]]);
    expect(bot.logs.find((line) => line.event === 'app.started')?.traceId).toBeUndefined();
    const durations = metrics.filter((metric) => metric.name === 'strategyguide.turn.duration');
    expect(durations.map((metric) => [metric.properties.outcome, metric.count])).toEqual([['ok', turnsLogged]]);
  });

  it('sends nothing of the upload session URL: neither its credential nor its host', async () => {
    expect(ofType('RequestData').length).toBeGreaterThan(0);
    const sent = JSON.stringify(ingestion.envelopes);
    expect(sent).not.toContain('tempauth');
    expect(sent).not.toContain(`:${portOf(oneDrive.uploadInfo().uploadUrl)}`);
    expect(sent).not.toContain('uploadSession');
  });

  it('prints nothing but JSON lines besides the dev banner (the Azure SDK logs go through the JSON logger)', () => {
    expect(plainLinesWithoutTelemetry?.length).toBeGreaterThan(0);
    expect(plainLinesOf(onRun)).toEqual(plainLinesWithoutTelemetry);
  });

  it('sends what was recorded while starting when the start fails (the port is taken)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as { port: number }).port);
      await expect(
        startBotProcess({
          COSMOS_ENDPOINT: cosmos.endpoint,
          COSMOS_KEY: cosmos.key,
          COSMOS_DATABASE: 'startfail',
          ...telemetryOn(),
          PORT: port,
        }),
      ).rejects.toThrow(/exited \(1\) before listening/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    const setUp = ofType('RemoteDependencyData').map((dependency) => String(dependency.data?.baseData?.name));
    expect(setUp).toEqual(expect.arrayContaining([expect.stringMatching(/ \/dbs\/startfail\b/)]));
  });
});
