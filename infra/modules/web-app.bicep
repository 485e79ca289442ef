// The bot's web app: Linux App Service on Node.js, HTTPS only, TLS 1.2 or later, health-checked on /readyz, running as
// the user-assigned managed identity from the package `npm run stage:deploy` builds (no build on the server). FTP and
// basic-auth publishing are off: deployments sign in with Entra ID. App settings are the bot's settings (src/config.ts);
// none is a secret.

@description('Globally unique web app name; the host becomes <name>.azurewebsites.net.')
param name string

@description('Region of the plan and the app.')
param location string

@description('App Service plan size (Linux).')
param sku string

@description('Runtime stack, e.g. NODE|24-lts.')
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
param dashboardClientId string
param dashboardAppIdUri string

@description('Where the Application Insights agent sends telemetry.')
param appInsightsConnectionString string

@description('Log Analytics workspace for the app\'s console, HTTP, platform and audit logs and its metrics.')
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
      // Ready, not just alive: Cosmos DB reachable and the content pack loaded. An instance that fails it is taken
      // out of the load balancer and, after an hour, replaced.
      healthCheckPath: '/readyz'
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
        // The dashboard tab's Teams SSO tokens are checked against these audiences (docs/dashboard.md).
        { name: 'DASHBOARD_CLIENT_ID', value: dashboardClientId }
        { name: 'DASHBOARD_APP_ID_URI', value: dashboardAppIdUri }
        // The app sends its own telemetry (OpenTelemetry); App Service's agent stays off so nothing is counted twice.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        // The zip is built and installed locally (production dependencies only) and mounted read-only as it is.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
  }
}

// No publishing with a user name and password (Kudu/SCM and FTP): zip deploys sign in with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      for category in [
        'AppServiceHTTPLogs'
        'AppServiceConsoleLogs'
        'AppServiceAppLogs'
        'AppServicePlatformLogs'
        'AppServiceAuditLogs'
      ]: {
        category: category
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = site.id
output defaultHostName string = site.properties.defaultHostName
