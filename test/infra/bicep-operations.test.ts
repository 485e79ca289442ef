import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { parseEnvFile } from '../../scripts/package-app/env-file';
import { METER_NAME, METRIC_NAMES, openTelemetryMetrics } from '../../src/telemetry/open-telemetry-metrics';
import { bicepFiles, bicepParams, bicepResources, moduleParams, readText, type BicepResource } from './infra-files';

/**
 * What an operator gets from infra/: logs and metrics in Log Analytics, alerts to an action group, and a choice of
 * who may reach Cosmos DB. The templates are read as text (no Bicep compiler here; see bicep-security.test.ts).
 */
const files = bicepFiles();
const main = files.get('infra/azure.bicep')!;
const cosmos = files.get('infra/modules/cosmos.bicep')!;
const webApp = files.get('infra/modules/web-app.bicep')!;
const monitoring = files.get('infra/modules/monitoring.bicep')!;
const alerts = files.get('infra/modules/alerts.bicep')!;

const ofType = (bicep: string, type: string): BicepResource[] =>
  [...bicepResources(bicep).values()].filter((resource) => resource.type.startsWith(`${type}@`));

/** The categories a diagnostic setting's `logs` (or `metrics`) loop or list enables. */
function categories(setting: BicepResource, kind: 'logs' | 'metrics'): string[] {
  const block = setting.body.slice(setting.body.indexOf(`${kind}: [`));
  const list = block.slice(0, block.search(/^ {4}\]$/m));
  return [...list.matchAll(/^\s+'(\w+)'$|category: '(\w+)'/gm)].map((match) => match[1] ?? match[2]);
}

describe('infra/ Bicep: logs and metrics to Log Analytics', () => {
  it('Application Insights is workspace-based, on the workspace the diagnostics go to', () => {
    const [insights] = ofType(monitoring, 'Microsoft.Insights/components');
    expect(insights.body).toMatch(/^\s+WorkspaceResourceId: workspace\.id$/m);
    expect(monitoring).toMatch(/^output workspaceId string = workspace\.id$/m);
    expect(moduleParams(main, 'webApp').get('logAnalyticsWorkspaceId')).toBe('monitoring.outputs.workspaceId');
    expect(moduleParams(main, 'cosmos').get('logAnalyticsWorkspaceId')).toBe('monitoring.outputs.workspaceId');
  });

  it('the web app sends its HTTP, console, app, platform and audit logs and all metrics to the workspace', () => {
    const [setting] = ofType(webApp, 'Microsoft.Insights/diagnosticSettings');
    expect(setting.body).toMatch(/^\s+scope: site$/m);
    expect(setting.body).toMatch(/^\s+workspaceId: logAnalyticsWorkspaceId$/m);
    expect(categories(setting, 'logs').sort()).toEqual([
      'AppServiceAppLogs',
      'AppServiceAuditLogs',
      'AppServiceConsoleLogs',
      'AppServiceHTTPLogs',
      'AppServicePlatformLogs',
    ]);
    expect(categories(setting, 'metrics')).toEqual(['AllMetrics']);
    expect(setting.body).toMatch(/enabled: true/);
  });

  it('Cosmos DB sends its data-plane, query, partition and control-plane logs and request metrics to the workspace', () => {
    const [setting] = ofType(cosmos, 'Microsoft.Insights/diagnosticSettings');
    expect(setting.body).toMatch(/^\s+scope: account$/m);
    expect(setting.body).toMatch(/^\s+workspaceId: logAnalyticsWorkspaceId$/m);
    expect(setting.body).toMatch(/^\s+logAnalyticsDestinationType: 'Dedicated'$/m);
    expect(categories(setting, 'logs').sort()).toEqual([
      'ControlPlaneRequests',
      'DataPlaneRequests',
      'PartitionKeyRUConsumption',
      'PartitionKeyStatistics',
      'QueryRuntimeStatistics',
    ]);
    expect(categories(setting, 'metrics')).toEqual(['Requests']);
  });
});

describe('infra/ Bicep: alerts', () => {
  const resources = bicepResources(alerts);
  const [actionGroup] = ofType(alerts, 'Microsoft.Insights/actionGroups');
  const metricAlerts = ofType(alerts, 'Microsoft.Insights/metricAlerts');
  const logAlerts = ofType(alerts, 'Microsoft.Insights/scheduledQueryRules');

  it('has one action group that mails the addresses in alertEmails, and none when it is empty', () => {
    expect(resources.get('actionGroup')?.type).toMatch(/^Microsoft\.Insights\/actionGroups@/);
    expect(alerts).toMatch(
      /^var emails = filter\(map\(split\(alertEmails, ','\), email => trim\(email\)\), email => !empty\(email\)\)$/m,
    );
    expect(actionGroup.body).toMatch(
      /emailReceivers: \[\s+for \(email, i\) in emails: \{[\s\S]*?emailAddress: email\s/,
    );
    expect(actionGroup.body).toMatch(/^\s+enabled: true$/m);
    // Azure limits the short name to 12 characters.
    expect(/groupShortName: '([^']+)'/.exec(actionGroup.body)?.[1].length).toBeLessThanOrEqual(12);
    expect(moduleParams(main, 'alerts').get('alertEmails')).toBe('alertEmails');
    expect(main).toMatch(/^param alertEmails string = ''$/m);
    expect(JSON.parse(readText('infra/azure.parameters.json')).parameters.alertEmails.value).toBe('${{ALERT_EMAILS}}');
  });

  it('alerts on 5xx responses, failed health checks and Cosmos DB 429s with metric alerts on the right resources', () => {
    const byMetric = new Map(metricAlerts.map((alert) => [/metricName: '(\w+)'/.exec(alert.body)?.[1], alert.body]));
    expect([...byMetric.keys()].sort()).toEqual(['HealthCheckStatus', 'Http5xx', 'TotalRequests']);

    const http5xx = byMetric.get('Http5xx')!;
    expect(http5xx).toMatch(/scopes: \[webAppId\]/);
    expect(http5xx).toMatch(/timeAggregation: 'Total'\s+operator: 'GreaterThan'\s+threshold: http5xxThreshold/);

    const health = byMetric.get('HealthCheckStatus')!;
    expect(health).toMatch(/scopes: \[webAppId\]/);
    expect(health).toMatch(/timeAggregation: 'Average'\s+operator: 'LessThan'\s+threshold: 100/);

    const throttles = byMetric.get('TotalRequests')!;
    expect(throttles).toMatch(/scopes: \[cosmosAccountId\]/);
    expect(throttles).toMatch(/metricNamespace: 'Microsoft\.DocumentDB\/databaseAccounts'/);
    expect(throttles).toMatch(/name: 'StatusCode'\s+operator: 'Include'\s+values: \['429'\]/);
    expect(throttles).toMatch(/operator: 'GreaterThan'\s+threshold: cosmosThrottleThreshold/);

    const params = moduleParams(main, 'alerts');
    expect(params.get('webAppId')).toBe('webApp.outputs.id');
    expect(params.get('cosmosAccountId')).toBe('cosmos.outputs.id');
    expect(cosmos).toMatch(/^output id string = account\.id$/m);
  });

  it('alerts on pulse send failures with a log query on the metric the app sends to Application Insights', async () => {
    expect(logAlerts).toHaveLength(1);
    const [pulse] = logAlerts;
    // The name the app really gives the metric: renaming it there breaks this test, not the alert in silence.
    const queried = /^var pulseSendFailuresMetric = '([^']+)'$/m.exec(alerts)?.[1];
    expect(queried).toBe(METRIC_NAMES.pulseSendFailures);
    expect(await exportedNameOfOneDeliveryFailure()).toBe(queried);
    expect(pulse.body).toMatch(/query: 'customMetrics \| where name == "\$\{pulseSendFailuresMetric\}" \|/);
    expect(pulse.body).toMatch(/metricMeasureColumn: 'failures'\s+operator: 'GreaterThan'\s+threshold: 0/);
    expect(pulse.body).toMatch(/scopes: \[appInsightsId\]/);
    expect(moduleParams(main, 'alerts').get('appInsightsId')).toBe('monitoring.outputs.appInsightsId');
    expect(monitoring).toMatch(/^output appInsightsId string = appInsights\.id$/m);
  });

  it('every alert is enabled, resolves itself and notifies the action group', () => {
    expect(metricAlerts.length + logAlerts.length).toBe(4);
    for (const alert of metricAlerts) {
      expect(alert.body).toMatch(/^\s+enabled: true$/m);
      expect(alert.body).toMatch(/^\s+autoMitigate: true$/m);
      expect(alert.body).toMatch(/actions: \[\{ actionGroupId: actionGroup\.id \}\]/);
    }
    for (const alert of logAlerts) {
      expect(alert.body).toMatch(/^\s+enabled: true$/m);
      expect(alert.body).toMatch(/actions: \{\s+actionGroups: \[actionGroup\.id\]\s+\}/);
    }
  });

  it('takes its thresholds from parameters with defaults', () => {
    const params = bicepParams(main);
    expect(params.get('alertHttp5xxThreshold')).toBe(true);
    expect(params.get('alertCosmosThrottleThreshold')).toBe(true);
    expect(moduleParams(main, 'alerts').get('http5xxThreshold')).toBe('alertHttp5xxThreshold');
    expect(moduleParams(main, 'alerts').get('cosmosThrottleThreshold')).toBe('alertCosmosThrottleThreshold');
  });
});

describe('infra/ Bicep: who may reach Cosmos DB', () => {
  it('is a parameter whose default, and the dev environment, keep the bot working', () => {
    expect(main).toMatch(
      /@allowed\(\['Enabled', 'AzureOnly'\]\)\n@description\('[^']*'\)\nparam cosmosPublicNetworkAccess string = 'Enabled'/,
    );
    expect(moduleParams(main, 'cosmos').get('publicNetworkAccess')).toBe('cosmosPublicNetworkAccess');
    expect(moduleParams(main, 'cosmos').get('allowedIpRanges')).toBe('cosmosAllowedIpRanges');
    const parameters = JSON.parse(readText('infra/azure.parameters.json')).parameters;
    expect(parameters.cosmosPublicNetworkAccess.value).toBe('${{COSMOS_PUBLIC_NETWORK_ACCESS}}');
    expect(parseEnvFile(readText('env/.env.dev')).get('COSMOS_PUBLIC_NETWORK_ACCESS')).toBe('Enabled');
  });

  it('AzureOnly allows Azure datacenters (0.0.0.0, where the web app is) and the listed ranges; the endpoint is never off', () => {
    const [account] = ofType(cosmos, 'Microsoft.DocumentDB/databaseAccounts');
    // No private endpoint is created, so a Disabled public endpoint would leave the bot without its database.
    expect(account.body).toMatch(/^\s+publicNetworkAccess: 'Enabled'$/m);
    expect(`${main}\n${cosmos}`).not.toMatch(/'Disabled'/);
    expect(cosmos).toMatch(
      /@allowed\(\['Enabled', 'AzureOnly'\]\)\n@description\('[^']*'\)\nparam publicNetworkAccess string/,
    );
    expect(account.body).toMatch(/^\s+ipRules: ipRules$/m);
    expect(cosmos).toMatch(/^var ipRules = publicNetworkAccess == 'AzureOnly' \? azureOnlyRules : \[\]$/m);
    expect(cosmos).toMatch(
      /^var azureOnlyRules = concat\(\[\{ ipAddressOrRange: '0\.0\.0\.0' \}\], map\(extraIpRanges, range => \{ ipAddressOrRange: range \}\)\)$/m,
    );
    expect(cosmos).toMatch(/^var extraIpRanges = filter\(map\(split\(allowedIpRanges, ','\)/m);
  });
});

/** The metric name the app's telemetry exports when a person is not reached (OpenTelemetry's in-memory exporter). */
async function exportedNameOfOneDeliveryFailure(): Promise<string | undefined> {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meters = new MeterProvider({ readers: [reader] });
  try {
    openTelemetryMetrics(meters.getMeter(METER_NAME)).pulseDeliveryFailed();
    await reader.forceFlush();
    const exported = exporter.getMetrics().flatMap((batch) => batch.scopeMetrics.flatMap((scope) => scope.metrics));
    return exported.find((metric) => metric.dataPoints.length > 0)?.descriptor.name;
  } finally {
    await meters.shutdown();
  }
}
