import type { IncomingMessage } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { isSpanContextValid, metrics, trace } from '@opentelemetry/api';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { METER_NAME, openTelemetryMetrics } from './open-telemetry-metrics';
import type { TelemetryRuntime } from './start-telemetry';

/** Shutdown waits this long at most for the last telemetry to go out (an unreachable endpoint must not hold it). */
const FLUSH_LIMIT_MS = 3_000;

/** The platform's probes: a request every minute per instance, not worth a request record each. */
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Sends to Application Insights: a request per incoming HTTP request (/api/messages), a dependency per outgoing call
 * (Cosmos DB through the Azure SDK and HTTP, the Teams connector through fetch), and the app's metrics.
 */
export function startAzureMonitor(connectionString: string): TelemetryRuntime {
  const off = { enabled: false };
  // Passed as a variable: the distro types `http` as the base config, its HTTP instrumentation reads this hook.
  const http = { enabled: true, ignoreIncomingRequestHook: (request: IncomingMessage) => isProbe(request) };
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
  // The Teams connector is called with fetch, which the http instrumentation does not see.
  const undici = new UndiciInstrumentation();
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
