import { noTelemetry, type Telemetry } from './telemetry';

/** Telemetry as the process runs it: the port for features, the trace id for log lines, and a final flush. */
export interface TelemetryRuntime {
  telemetry: Telemetry;
  /** The trace id of the span active where this is called (the request being handled), if any. */
  traceId(): string | undefined;
  /** Sends what is still buffered and stops sending. */
  shutdown(): Promise<void>;
}

/** Without Application Insights: nothing is measured, nothing is sent. */
export const TELEMETRY_OFF: TelemetryRuntime = {
  telemetry: noTelemetry,
  traceId: () => undefined,
  shutdown: async () => undefined,
};

/**
 * Azure Monitor (OpenTelemetry) when a connection string is set; its packages are loaded only then. Call it before the
 * app's modules are loaded, so the instrumentation sees the HTTP and Azure SDK modules they use.
 */
export async function startTelemetry(connectionString: string | undefined): Promise<TelemetryRuntime> {
  if (!connectionString) return TELEMETRY_OFF;
  const { startAzureMonitor } = await import('./azure-monitor');
  return startAzureMonitor(connectionString);
}
