// The bot's web app: Linux App Service on Node.js, HTTPS only, TLS 1.2 or later, health-checked on /healthz,
// running as the user-assigned managed identity. App settings are the bot's settings (src/config.ts); none is a secret.

@description('Globally unique web app name; the host becomes <name>.azurewebsites.net.')
param name string

@description('Region of the plan and the app.')
param location string

@description('App Service plan size (Linux).')
param sku string

@description('Runtime stack, e.g. NODE|20-lts.')
param linuxFxVersion string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of that identity: BOT_ID, and AZURE_CLIENT_ID so DefaultAzureCredential picks it for Cosmos DB.')
param identityClientId string

@description('Tenant of that identity: BOT_TENANT_ID.')
param identityTenantId string

param cosmosEndpoint string
param cosmosDatabaseName string
param allowedTenants string
param adminIds string
param leaderIds string
param managerIds string
param pulsePolicy string
param contentPack string

@description('Where the Application Insights agent sends telemetry.')
param appInsightsConnectionString string

@description('Log Analytics workspace for the app\'s console and HTTP logs.')
param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'npm start'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'BOT_ID', value: identityClientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identityTenantId }
        // No BOT_PASSWORD and no COSMOS_KEY: the managed identity signs in to Bot Framework and to Cosmos DB.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'COSMOS_ENDPOINT', value: cosmosEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'ALLOWED_TENANTS', value: allowedTenants }
        { name: 'ADMIN_IDS', value: adminIds }
        { name: 'LEADER_IDS', value: leaderIds }
        { name: 'MANAGER_IDS', value: managerIds }
        { name: 'PULSE_POLICY', value: pulsePolicy }
        { name: 'CONTENT_PACK', value: contentPack }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
        // The deployment ships sources; App Service runs `npm install` and `npm run build` on Linux.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      for category in ['AppServiceHTTPLogs', 'AppServiceConsoleLogs', 'AppServiceAppLogs', 'AppServicePlatformLogs']: {
        category: category
        enabled: true
      }
    ]
  }
}

output id string = site.id
output defaultHostName string = site.properties.defaultHostName
