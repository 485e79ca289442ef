/** The only reader of process.env: validates the settings once and fails fast with a message a person can act on. */
import { DEFAULT_THRESHOLDS, MIN_GROUP_THRESHOLD, type Thresholds } from './leadership/thresholds';
import { parseLocalRoles, withLocalRoles, type LocalRole } from './domain/local-roles';
import { isLoopbackEndpoint } from './storage/cosmos-endpoint';

export type RunMode = 'local' | 'production';
export type BotType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type PulsePolicy = 'anyone' | 'managers';

export interface Config {
  mode: RunMode;
  port: number;
  bot: { appId: string; password: string; type: BotType; tenantId: string };
  /** No endpoint in local mode means: start the embedded Cosmos-compatible server. */
  cosmos: { endpoint?: string; key?: string; database: string };
  /** Empty means every tenant, which only local mode accepts. */
  allowedTenants: ReadonlySet<string>;
  /** Host names of the connector that replies may go to (the activity's serviceUrl). */
  allowedServiceUrlHosts: ReadonlySet<string>;
  /** With the local user's local roles added (local mode only, see localRoles). */
  adminIds: ReadonlySet<string>;
  leaderIds: ReadonlySet<string>;
  managerIds: ReadonlySet<string>;
  /** Local mode: the roles the Agents Playground's default user has (LOCAL_ROLES); always none in production. */
  localRoles: readonly LocalRole[];
  pulsePolicy: PulsePolicy;
  /** Pulse sending: requests per second to the Teams channel service (Teams allows 50 per app and tenant). */
  pulse: { sendRate: number; commentThreshold: number; minThreshold: number; defaultThreshold: number };
  /** Path to an organisation's own content pack; undefined means the default pack. */
  contentPackPath?: string;
  /** Anonymity thresholds of the leadership summaries (SUMMARY_THRESHOLD, SUMMARY_COMMENT_THRESHOLD). */
  summaryThresholds: Thresholds;
  /** Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING); without it no telemetry is loaded or sent. */
  applicationInsights?: string;
  /** The dashboard tab's Teams SSO: the audiences its access tokens carry; neither set refuses every API request. */
  dashboard: DashboardSso;
}

/** DASHBOARD_CLIENT_ID (the Entra app registration's client id) and DASHBOARD_APP_ID_URI (`api://<host>/<client id>`). */
export interface DashboardSso {
  clientId?: string;
  appIdUri?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Teams' connector in the commercial cloud; government clouds list their own hosts in ALLOWED_SERVICE_URL_HOSTS. */
const TEAMS_SERVICE_URL_HOST = 'smba.trafficmanager.net';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The endpoints of an Application Insights connection string that telemetry is sent to. */
const TELEMETRY_ENDPOINTS: readonly string[] = ['ingestionendpoint', 'liveendpoint'];

const BOT_TYPES: readonly BotType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** Reads and checks the settings for the given mode; throws ConfigError naming every problem at once. */
export function loadConfig(env: Env, mode: RunMode): Config {
  const problems: string[] = [];
  const text = (name: string): string => (env[name] ?? '').trim();

  const portText = text('PORT') || '3978';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, not "${portText}"`);

  const botType = (text('BOT_TYPE') || 'MultiTenant') as BotType;
  if (!BOT_TYPES.includes(botType)) problems.push(`BOT_TYPE must be one of ${BOT_TYPES.join(', ')}`);

  const pulsePolicy = (text('PULSE_POLICY') || 'managers') as PulsePolicy;
  if (pulsePolicy !== 'anyone' && pulsePolicy !== 'managers')
    problems.push('PULSE_POLICY must be "anyone" or "managers"');

  // Below 3 only in local mode, for demos and end-to-end tests with a handful of people.
  const minThreshold = intSetting(
    text('PULSE_MIN_THRESHOLD'),
    3,
    mode === 'local' ? 1 : 3,
    1000,
    'PULSE_MIN_THRESHOLD',
    problems,
  );
  const pulse = {
    // Teams allows 50 per app and tenant; above that only in local mode, where tests send to a fake channel service.
    sendRate: intSetting(text('PULSE_SEND_RATE'), 45, 1, mode === 'local' ? 2000 : 50, 'PULSE_SEND_RATE', problems),
    commentThreshold: intSetting(text('PULSE_COMMENT_THRESHOLD'), 10, 3, 1000, 'PULSE_COMMENT_THRESHOLD', problems),
    minThreshold,
    defaultThreshold: intSetting(
      text('PULSE_DEFAULT_THRESHOLD'),
      Math.max(5, minThreshold),
      minThreshold,
      1000,
      'PULSE_DEFAULT_THRESHOLD',
      problems,
    ),
  };

  const localRoles = mode === 'local' ? readLocalRoles(text('LOCAL_ROLES'), problems) : [];

  const config: Config = {
    mode,
    port,
    bot: { appId: text('BOT_ID'), password: text('BOT_PASSWORD'), type: botType, tenantId: text('BOT_TENANT_ID') },
    cosmos: {
      endpoint: text('COSMOS_ENDPOINT') || undefined,
      key: text('COSMOS_KEY') || undefined,
      database: text('COSMOS_DATABASE') || 'strategy-guide',
    },
    allowedTenants: idList(text('ALLOWED_TENANTS')),
    allowedServiceUrlHosts: idList(text('ALLOWED_SERVICE_URL_HOSTS') || TEAMS_SERVICE_URL_HOST),
    adminIds: withLocalRoles(idList(text('ADMIN_IDS')), 'admin', localRoles),
    leaderIds: withLocalRoles(idList(text('LEADER_IDS')), 'leader', localRoles),
    managerIds: withLocalRoles(idList(text('MANAGER_IDS')), 'manager', localRoles),
    localRoles,
    pulsePolicy,
    pulse,
    contentPackPath: text('CONTENT_PACK') || undefined,
    summaryThresholds: summaryThresholds(text, problems),
    applicationInsights: text('APPLICATIONINSIGHTS_CONNECTION_STRING') || undefined,
    dashboard: dashboardSso(text('DASHBOARD_CLIENT_ID'), text('DASHBOARD_APP_ID_URI'), problems),
  };

  if (mode === 'production') problems.push(...productionProblems(config));
  const badHosts = [...config.allowedServiceUrlHosts].filter((host) => !/^[a-z0-9.-]+$/.test(host));
  if (badHosts.length > 0)
    problems.push('ALLOWED_SERVICE_URL_HOSTS must list host names only (no scheme, port or path), comma-separated');
  if (config.cosmos.endpoint && !isUrl(config.cosmos.endpoint, mode)) {
    problems.push(
      mode === 'production' ? 'COSMOS_ENDPOINT must be an https URL' : 'COSMOS_ENDPOINT must be an http(s) URL',
    );
  }
  if (config.applicationInsights) problems.push(...connectionStringProblems(config.applicationInsights));
  if (problems.length > 0) {
    throw new ConfigError(`Strategy Guide cannot start (${mode} mode):\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

function productionProblems(config: Config): string[] {
  const missing: string[] = [];
  const { bot, cosmos } = config;
  if (!bot.appId) missing.push('BOT_ID is missing (production never runs with authentication off)');
  if (bot.type === 'MultiTenant' && !bot.password)
    missing.push('BOT_PASSWORD is missing (required for BOT_TYPE=MultiTenant)');
  if (bot.type === 'SingleTenant' && !bot.password)
    missing.push('BOT_PASSWORD is missing (required for BOT_TYPE=SingleTenant)');
  if (bot.type === 'SingleTenant' && !bot.tenantId)
    missing.push('BOT_TENANT_ID is missing (required for BOT_TYPE=SingleTenant)');
  if (bot.type === 'UserAssignedMSI' && bot.password)
    missing.push('BOT_PASSWORD must be empty for BOT_TYPE=UserAssignedMSI (the managed identity signs in)');
  if (bot.type === 'UserAssignedMSI' && !bot.tenantId)
    missing.push('BOT_TENANT_ID is missing (required for BOT_TYPE=UserAssignedMSI)');
  if (config.allowedTenants.size === 0)
    missing.push(
      'ALLOWED_TENANTS is missing (production serves only the tenants listed; Teams delivers from any tenant that installs the app)',
    );
  if (!cosmos.endpoint) missing.push('COSMOS_ENDPOINT is missing (production does not start an embedded database)');
  if (cosmos.key && cosmos.endpoint && !isLoopbackEndpoint(cosmos.endpoint))
    missing.push(
      'COSMOS_KEY must be empty for a Cosmos DB account (the bot signs in with its managed identity; keys are for emulators on this machine)',
    );
  return missing;
}

/** LOCAL_ROLES (local mode only; production never reads it): every role unless `none` or a list. */
function readLocalRoles(value: string, problems: string[]): readonly LocalRole[] {
  const parsed = parseLocalRoles(value);
  if ('roles' in parsed) return parsed.roles;
  problems.push(parsed.problem);
  return [];
}

/** A whole-number setting within bounds; the default when empty. */
function intSetting(
  value: string,
  fallback: number,
  min: number,
  max: number,
  name: string,
  problems: string[],
): number {
  if (value === '') return fallback;
  const number = Number(value);
  if (Number.isInteger(number) && number >= min && number <= max) return number;
  problems.push(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return fallback;
}

/** SUMMARY_THRESHOLD (default 5, never below 3) and SUMMARY_COMMENT_THRESHOLD (default 10, not below the first). */
function summaryThresholds(text: (name: string) => string, problems: string[]): Thresholds {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = text(name);
    if (raw === '') return Math.max(fallback, min);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > 1000) {
      problems.push(`${name} must be a whole number from ${min} to 1000, not "${raw}"`);
      return Math.max(fallback, min);
    }
    return value;
  };
  const group = read('SUMMARY_THRESHOLD', DEFAULT_THRESHOLDS.group, MIN_GROUP_THRESHOLD);
  return { group, comments: read('SUMMARY_COMMENT_THRESHOLD', DEFAULT_THRESHOLDS.comments, group) };
}

/** The dashboard's token audiences: a GUID client id and an `api://` Application ID URI, each optional. */
function dashboardSso(clientId: string, appIdUri: string, problems: string[]): DashboardSso {
  if (clientId && !GUID.test(clientId))
    problems.push("DASHBOARD_CLIENT_ID must be the Entra app registration's client id (a GUID)");
  if (appIdUri && !/^api:\/\/\S+$/.test(appIdUri))
    problems.push('DASHBOARD_APP_ID_URI must be the Application ID URI, e.g. api://<host>/<client id>');
  return { ...(clientId ? { clientId: clientId.toLowerCase() } : {}), ...(appIdUri ? { appIdUri } : {}) };
}

function idList(value: string): ReadonlySet<string> {
  return new Set(
    value
      .split(',')
      .map((id) => id.trim().toLowerCase())
      .filter((id) => id.length > 0),
  );
}

/**
 * What is wrong with an Application Insights connection string: `key=value` pairs separated by `;`, an
 * InstrumentationKey that is a GUID, and https endpoints. The messages never repeat the value (it is a credential).
 */
function connectionStringProblems(value: string): string[] {
  const pairs = value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '');
  const fields = new Map<string, string>();
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) return [CONNECTION_STRING_SHAPE];
    fields.set(pair.slice(0, equals).trim().toLowerCase(), pair.slice(equals + 1).trim());
  }
  if (!GUID.test(fields.get('instrumentationkey') ?? '')) return [CONNECTION_STRING_SHAPE];
  return TELEMETRY_ENDPOINTS.filter((key) => fields.has(key) && !isUrl(fields.get(key) ?? '', 'production')).map(
    (key) =>
      `APPLICATIONINSIGHTS_CONNECTION_STRING: ${key === 'liveendpoint' ? 'LiveEndpoint' : 'IngestionEndpoint'} must be an https URL`,
  );
}

const CONNECTION_STRING_SHAPE =
  'APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string ("InstrumentationKey=<guid>;IngestionEndpoint=https://...", as the portal shows it)';

function isUrl(value: string, mode: RunMode): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (mode === 'local' && url.protocol === 'http:');
  } catch {
    return false;
  }
}
