import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('starts local mode with no settings at all', () => {
    const config = loadConfig({}, 'local');
    expect(config.port).toBe(3978);
    expect(config.cosmos.endpoint).toBeUndefined();
    expect(config.bot.appId).toBe('');
  });

  it('refuses production without bot identity and Cosmos, naming each missing setting', () => {
    expect(() => loadConfig({}, 'production')).toThrow(ConfigError);
    try {
      loadConfig({}, 'production');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('BOT_ID');
      expect(message).toContain('BOT_PASSWORD');
      expect(message).toContain('COSMOS_ENDPOINT');
    }
  });

  it('takes serviceUrl hosts as bare host names, Teams by default', () => {
    expect([...loadConfig({}, 'local').allowedServiceUrlHosts]).toEqual(['smba.trafficmanager.net']);
    const gov = loadConfig({ ALLOWED_SERVICE_URL_HOSTS: 'SMBA.infra.gcc.teams.microsoft.com' }, 'local');
    expect([...gov.allowedServiceUrlHosts]).toEqual(['smba.infra.gcc.teams.microsoft.com']);
    expect(() => loadConfig({ ALLOWED_SERVICE_URL_HOSTS: 'https://smba.trafficmanager.net/emea' }, 'local')).toThrow(
      /ALLOWED_SERVICE_URL_HOSTS/,
    );
  });

  it('refuses a Cosmos key in production except for an emulator on this machine', () => {
    const base = { BOT_ID: 'id', BOT_PASSWORD: 'p', ALLOWED_TENANTS: 't1', COSMOS_KEY: 'a2V5' };
    expect(() => loadConfig({ ...base, COSMOS_ENDPOINT: 'https://x.documents.azure.com' }, 'production')).toThrow(
      /COSMOS_KEY must be empty/,
    );
    expect(loadConfig({ ...base, COSMOS_ENDPOINT: 'https://127.0.0.1:8081' }, 'production').cosmos.key).toBe('a2V5');
    expect(() => loadConfig({ ...base, COSMOS_ENDPOINT: 'https://127.example.com' }, 'production')).toThrow(
      /COSMOS_KEY must be empty/,
    );
    expect(() => loadConfig({ ...base, COSMOS_ENDPOINT: 'not a url' }, 'production')).toThrow(ConfigError);
  });

  it('refuses SingleTenant without a tenant and UserAssignedMSI with a password', () => {
    const base = { BOT_ID: 'id', COSMOS_ENDPOINT: 'https://x.documents.azure.com', ALLOWED_TENANTS: 't1' };
    expect(() => loadConfig({ ...base, BOT_TYPE: 'SingleTenant', BOT_PASSWORD: 'p' }, 'production')).toThrow(
      /BOT_TENANT_ID/,
    );
    expect(() => loadConfig({ ...base, BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: 'p' }, 'production')).toThrow(
      /UserAssignedMSI/,
    );
    expect(() => loadConfig({ ...base, BOT_TYPE: 'UserAssignedMSI' }, 'production')).toThrow(/BOT_TENANT_ID/);
    expect(loadConfig({ ...base, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 't1' }, 'production').bot.type).toBe(
      'UserAssignedMSI',
    );
    expect(() => loadConfig({ ...base, BOT_PASSWORD: 'p', ALLOWED_TENANTS: ' , ' }, 'production')).toThrow(
      /ALLOWED_TENANTS/,
    );
  });

  it('parses id lists case-insensitively and rejects a bad port or policy', () => {
    const config = loadConfig({ LEADER_IDS: ' A, b ,,', PULSE_POLICY: 'anyone', LOCAL_ROLES: 'none' }, 'local');
    expect([...config.leaderIds]).toEqual(['a', 'b']);
    expect(() => loadConfig({ PORT: 'abc' }, 'local')).toThrow(/PORT/);
    expect(() => loadConfig({ PULSE_POLICY: 'everyone' }, 'local')).toThrow(/PULSE_POLICY/);
  });

  it('reads the pulse settings with their defaults and bounds; a threshold minimum below 3 only locally', () => {
    expect(loadConfig({}, 'local').pulse).toEqual({
      sendRate: 45,
      commentThreshold: 10,
      minThreshold: 3,
      defaultThreshold: 5,
    });
    const config = loadConfig(
      { PULSE_SEND_RATE: '20', PULSE_COMMENT_THRESHOLD: '12', PULSE_MIN_THRESHOLD: '1' },
      'local',
    );
    expect(config.pulse).toEqual({ sendRate: 20, commentThreshold: 12, minThreshold: 1, defaultThreshold: 5 });
    expect(loadConfig({ PULSE_MIN_THRESHOLD: '8' }, 'local').pulse.defaultThreshold).toBe(8);
    expect(loadConfig({ PULSE_DEFAULT_THRESHOLD: '7' }, 'local').pulse.defaultThreshold).toBe(7);
    expect(() => loadConfig({ PULSE_MIN_THRESHOLD: '6', PULSE_DEFAULT_THRESHOLD: '4' }, 'local')).toThrow(
      /PULSE_DEFAULT_THRESHOLD must be a whole number from 6/,
    );
    expect(() => loadConfig({ PULSE_SEND_RATE: '60' }, 'production')).toThrow(
      /PULSE_SEND_RATE must be a whole number from 1 to 50/,
    );
    // Above Teams' cap only in local mode, against a fake channel service (tests).
    expect(loadConfig({ PULSE_SEND_RATE: '600' }, 'local').pulse.sendRate).toBe(600);
    expect(() => loadConfig({ PULSE_SEND_RATE: '5000' }, 'local')).toThrow(/PULSE_SEND_RATE/);
    expect(() => loadConfig({ PULSE_COMMENT_THRESHOLD: '2' }, 'local')).toThrow(/PULSE_COMMENT_THRESHOLD/);
    expect(() => loadConfig({ PULSE_MIN_THRESHOLD: '1' }, 'production')).toThrow(
      /PULSE_MIN_THRESHOLD must be a whole number from 3/,
    );
  });

  it('takes an Application Insights connection string, and refuses a malformed one (no GUID key, endpoints not https) without echoing it', () => {
    expect(loadConfig({}, 'local').applicationInsights).toBeUndefined();
    const connectionString =
      'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, 'local').applicationInsights).toBe(
      connectionString,
    );
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'secret-looking-value' }, 'local')).toThrow(
      /^(?![\s\S]*secret-looking-value)[\s\S]*APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string/,
    );
    const key = 'InstrumentationKey=00000000-0000-4000-8000-000000000001';
    const refused: [string, RegExp][] = [
      [`${key};IngestionEndpoint=notaurl`, /IngestionEndpoint must be an https URL/],
      [`${key};IngestionEndpoint=ftp://ingest.example.com/`, /IngestionEndpoint must be an https URL/],
      [`${key};IngestionEndpoint=http://ingest.example.com/`, /IngestionEndpoint must be an https URL/],
      [`${key};LiveEndpoint=javascript:alert(1)`, /LiveEndpoint must be an https URL/],
      [`${key};garbage`, /must be an Application Insights connection string/],
      ['InstrumentationKey=not-a-guid;IngestionEndpoint=https://ingest.example.com/', /connection string/],
      ['IngestionEndpoint=https://ingest.example.com/', /must be an Application Insights connection string/],
    ];
    for (const [value, message] of refused) {
      let error: unknown;
      try {
        loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value }, 'local');
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      const values = value.split(';').map((pair) => (pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : pair));
      for (const part of values) expect((error as Error).message).not.toContain(part);
    }
    // Key names in any case, a trailing ";" and other fields are fine, as the SDK takes them.
    const lenient = `instrumentationkey=00000000-0000-4000-8000-000000000001;LiveEndpoint=https://live.example.com/;ApplicationId=abc;`;
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: lenient }, 'local').applicationInsights).toBe(lenient);
  });
});
