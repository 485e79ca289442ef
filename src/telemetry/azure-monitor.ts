import type { IncomingMessage, RequestOptions } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { AzureLogger, setLogLevel } from '@azure/logger';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { diag, DiagLogLevel, isSpanContextValid, metrics, trace } from '@opentelemetry/api';
import { UndiciInstrumentation, type UndiciRequest } from '@opentelemetry/instrumentation-undici';
import { jsonLogger, type Logger } from '../logging/logger';
import { isSharePointHost } from '../privacy/upload-url';
import { METER_NAME, openTelemetryMetrics } from './open-telemetry-metrics';
import type { TelemetryRuntime } from './start-telemetry';

/** Shutdown waits this long at most for the last telemetry to go out (an unreachable endpoint must not hold it). */
const FLUSH_LIMIT_MS = 3_000;

/** The platform's probes: a request every minute per instance, not worth a request record each. */
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Sends to Application Insights: a request per incoming HTTP request (/api/messages), a dependency per outgoing call
 * (Cosmos DB through the Azure SDK and HTTP, the Teams connector through fetch), and the app's metrics. An outgoing
 * call with a query string or to an export's upload host is not recorded: an upload session URL carries a credential.
 * The Azure SDK's and OpenTelemetry's own log lines become JSON lines naming only their source (their text can carry
 * Cosmos paths with person ids).
 */
export function startAzureMonitor(connectionString: string): TelemetryRuntime {
  const off = { enabled: false };
  // Passed as a variable: the distro types `http` as the base config, its HTTP instrumentation reads this hook.
  const http = {
    enabled: true,
    ignoreIncomingRequestHook: (request: IncomingMessage) => isProbe(request),
    ignoreOutgoingRequestHook: (request: RequestOptions) =>
      isUnrecordable(request.hostname ?? request.host ?? '', request.path ?? ''),
  };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http,
      azureSdk: { enabled: true },
      // The app's own log lines go to stdout (App Service keeps them); nothing here uses these libraries.
      console: off,
      bunyan: off,
      winston: off,
      mongoDb: off,
      mySql: off,
      postgreSql: off,
      redis: off,
      redis4: off,
    },
  });
  routeLibraryLogs(jsonLogger());
  // The Teams connector is called with fetch, which the http instrumentation does not see.
  const undici = new UndiciInstrumentation({
    ignoreRequestHook: (request: UndiciRequest) => isUnrecordable(hostOf(request.origin), request.path),
  });
  return {
    telemetry: openTelemetryMetrics(metrics.getMeter(METER_NAME)),
    traceId: () => {
      const context = trace.getActiveSpan()?.spanContext();
      return context && isSpanContextValid(context) ? context.traceId : undefined;
    },
    shutdown: async () => {
      undici.disable();
      await Promise.race([shutdownAzureMonitor(), delay(FLUSH_LIMIT_MS, undefined, { ref: false })]);
    },
  };
}

function isProbe(request: IncomingMessage): boolean {
  return PROBE_PATHS.has((request.url ?? '').split('?')[0]);
}

function isUnrecordable(hostname: string, path: string): boolean {
  return path.includes('?') || isSharePointHost(hostname.split(':')[0]);
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/** Where a library logger's source name (`azure:cosmosdb:warning`, `@azure/monitor-opentelemetry`) is read from. */
const SOURCE_NAME = /^(azure:[\w:-]{1,60}|@[\w.-]{1,40}\/[\w.-]{1,60})(?=\s|$)/;

/**
 * useAzureMonitor sends the Azure SDK's log (warnings: one per Cosmos 404) and OpenTelemetry's diagnostics to the
 * console as plain text. Here only errors are kept, as JSON lines with their source and without their text.
 */
function routeLibraryLogs(logger: Logger): void {
  setLogLevel('error');
  AzureLogger.log = (...args: unknown[]) => logger.error('azure.sdk.error', { source: sourceOf(args[0]) });
  const diagnostic = (level: 'warn' | 'error') => (message: string) =>
    logger[level]('telemetry.diagnostic', { source: sourceOf(message) });
  const ignore = () => undefined;
  diag.setLogger(
    { error: diagnostic('error'), warn: diagnostic('warn'), info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
}

function sourceOf(first: unknown): string | undefined {
  return typeof first === 'string' ? SOURCE_NAME.exec(first)?.[0] : undefined;
}
