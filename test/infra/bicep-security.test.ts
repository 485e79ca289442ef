import { appSettings, bicepFiles, bicepResources, readText, settingsReadByConfig } from './infra-files';

/**
 * Bicep cannot be compiled on the machines that build this repository (no Bicep compiler on the registries
 * they reach), so these tests read the templates as text and check the security properties they can see.
 */
const files = bicepFiles();
const cosmos = files.get('infra/modules/cosmos.bicep')!;
const webApp = files.get('infra/modules/web-app.bicep')!;
const bot = files.get('infra/modules/azure-bot.bicep')!;
const main = files.get('infra/azure.bicep')!;

/** App settings that are not the bot's own but tell the platform or SDKs what to do. */
const PLATFORM_SETTINGS = [
  'AZURE_CLIENT_ID',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'WEBSITE_RUN_FROM_PACKAGE',
];

describe('infra/ Bicep security', () => {
  it('has every module the main template uses', () => {
    const modules = [...main.matchAll(/^module \w+ '([^']+)'/gm)].map((match) => `infra/${match[1]}`);
    expect(modules.sort()).toEqual([...files.keys()].filter((file) => file !== 'infra/azure.bicep').sort());
  });

  it('Cosmos DB: keys disabled, TLS 1.2 minimum, continuous backup, serverless by default with a provisioned option', () => {
    expect(cosmos).toMatch(/^\s+disableLocalAuth: true$/m);
    expect(cosmos).toMatch(/^\s+disableKeyBasedMetadataWriteAccess: true$/m);
    expect(cosmos).toMatch(/^\s+minimalTlsVersion: 'Tls12'$/m);
    expect(cosmos).toMatch(/backupPolicy: \{\s+type: 'Continuous'/);
    expect(cosmos).toMatch(/capabilities: serverless \? \[\{ name: 'EnableServerless' \}\] : \[\]/);
    expect(cosmos).toMatch(/autoscaleSettings: \{ maxThroughput: autoscaleMaxThroughput \}/);
    expect(main).toMatch(/param cosmosCapacityMode string = 'Serverless'/);
    expect(main).toMatch(/@allowed\(\['Serverless', 'Provisioned'\]\)/);
  });

  it('gives the managed identity the Cosmos DB Built-in Data Contributor role on the account', () => {
    expect(cosmos).toMatch(/var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
    expect(cosmos).toContain("'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@");
    expect(cosmos).toContain("roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'");
    expect(cosmos).toMatch(/principalId: appPrincipalId\s+scope: account\.id/);
    expect(main).toMatch(/appPrincipalId: identity\.properties\.principalId/);
  });

  it('web app: HTTPS only, TLS 1.2 minimum, no FTP, health check on /readyz, Node 24 and npm start', () => {
    expect(webApp).toMatch(/^\s+httpsOnly: true$/m);
    expect(webApp).toMatch(/^\s+minTlsVersion: '1\.2'$/m);
    expect(webApp).toMatch(/^\s+scmMinTlsVersion: '1\.2'$/m);
    expect(webApp).toMatch(/^\s+ftpsState: 'Disabled'$/m);
    expect(webApp).toMatch(/^\s+healthCheckPath: '\/readyz'$/m);
    expect(webApp).toMatch(/^\s+appCommandLine: 'npm start'$/m);
    expect(webApp).toMatch(/^\s+reserved: true$/m);
    expect(main).toMatch(/param linuxFxVersion string = 'NODE\|24-lts'/);
    expect(webApp).toMatch(/^\s+linuxFxVersion: linuxFxVersion$/m);
    expect(webApp).toMatch(/type: 'UserAssigned'\s+userAssignedIdentities: \{\s+'\$\{identityId\}': \{\}/);
  });

  it('web app: no publishing with a user name and password (SCM/Kudu and FTP basic auth off)', () => {
    const policies = [...bicepResources(webApp).values()].filter((resource) =>
      resource.type.startsWith('Microsoft.Web/sites/basicPublishingCredentialsPolicies@'),
    );
    expect(policies.map((policy) => /^\s+name: '(\w+)'$/m.exec(policy.body)?.[1]).sort()).toEqual(['ftp', 'scm']);
    for (const policy of policies) {
      expect(policy.body).toMatch(/^\s+parent: site$/m);
      expect(policy.body).toMatch(/properties: \{\s+allow: false\s+\}/);
    }
  });

  it('web app: runs the package it is sent, with no build on the server', () => {
    const settings = appSettings(webApp);
    expect(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT')).toBe("'false'");
    expect(settings.get('WEBSITE_RUN_FROM_PACKAGE')).toBe("'1'");
  });

  it('Azure Bot: the managed identity as its app (UserAssignedMSI), the Teams channel on, the web app as endpoint', () => {
    expect(bot).toMatch(/^\s+msaAppType: 'UserAssignedMSI'$/m);
    expect(bot).toMatch(/^\s+msaAppId: identityClientId$/m);
    expect(bot).toMatch(/^\s+msaAppMSIResourceId: identityResourceId$/m);
    expect(bot).toMatch(/^\s+msaAppTenantId: identityTenantId$/m);
    expect(bot).toMatch(
      /name: 'MsTeamsChannel'[\s\S]*channelName: 'MsTeamsChannel'\s+properties: \{\s+isEnabled: true/,
    );
    expect(main).toContain("endpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'");
    expect(main).toMatch(/identityClientId: identity\.properties\.clientId/);
  });

  it('wires the app settings to the bot settings: the identity is BOT_ID and AZURE_CLIENT_ID, no password, no key', () => {
    const settings = appSettings(webApp);
    const known = [...settingsReadByConfig(), ...PLATFORM_SETTINGS];
    expect([...settings.keys()].filter((name) => !known.includes(name))).toEqual([]);
    expect(settings.get('BOT_TYPE')).toBe("'UserAssignedMSI'");
    expect(settings.get('BOT_ID')).toBe('identityClientId');
    expect(settings.get('AZURE_CLIENT_ID')).toBe('identityClientId');
    expect(settings.get('BOT_TENANT_ID')).toBe('identityTenantId');
    for (const name of ['COSMOS_ENDPOINT', 'COSMOS_DATABASE', 'ALLOWED_TENANTS', 'PULSE_POLICY'])
      expect(settings.has(name)).toBe(true);
    expect(settings.has('BOT_PASSWORD')).toBe(false);
    expect(settings.has('COSMOS_KEY')).toBe(false);
  });

  it('serves only the tenant it is deployed to unless told otherwise', () => {
    expect(main).toContain('allowedTenants: empty(allowedTenants) ? tenant().tenantId : allowedTenants');
  });

  it('holds no secrets: no keys read, no secure parameters, no literal credentials, no secret outputs', () => {
    for (const [file, text] of files) {
      const code = text.replace(/\/\/.*$/gm, '');
      expect({
        file,
        found: code.match(/listKeys|listConnectionStrings|primaryMasterKey|@secure\(\)|AccountKey=|password|secret/gi),
      }).toEqual({ file, found: null });
      expect({ file, found: code.match(/'[A-Za-z0-9+/]{32,}={0,2}'/g) }).toEqual({ file, found: null });
    }
    expect(main.match(/^output \w+/gm)?.join(' ')).not.toMatch(/key|secret|password|connection/i);
    const parameters = readText('infra/azure.parameters.json');
    expect(parameters).not.toMatch(/SECRET_|password|key/i);
  });

  it('uses the current API versions', () => {
    const versions = new Set(
      [...[...files.values()].join('\n').matchAll(/resource \w+ '([^']+)'/g)].map((match) => match[1]),
    );
    expect([...versions].sort()).toEqual([
      'Microsoft.BotService/botServices/channels@2022-09-15',
      'Microsoft.BotService/botServices@2022-09-15',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15',
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15',
      'Microsoft.DocumentDB/databaseAccounts@2024-11-15',
      'Microsoft.Insights/actionGroups@2023-01-01',
      'Microsoft.Insights/components@2020-02-02',
      'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
      'Microsoft.Insights/metricAlerts@2018-03-01',
      'Microsoft.Insights/scheduledQueryRules@2022-06-15',
      'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31',
      'Microsoft.OperationalInsights/workspaces@2023-09-01',
      'Microsoft.Web/serverfarms@2023-12-01',
      'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01',
      'Microsoft.Web/sites@2023-12-01',
    ]);
  });
});
