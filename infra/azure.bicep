// Strategy Guide in Azure: a user-assigned managed identity that is the bot's identity and signs in to Cosmos DB,
// an App Service web app running the bot, Cosmos DB for NoSQL (Entra ID only), an Azure Bot with the Teams channel,
// Application Insights and Log Analytics, and alerts to an action group. No secret appears here or in any output.
// There is no Bicep compiler on the machines that build this repo: test/infra reads these files instead.
targetScope = 'resourceGroup'

@minLength(3)
@maxLength(20)
@description('Start of every resource name; six characters derived from the resource group are appended so names are globally unique.')
param resourceBaseName string = 'strategyguide'

@description('Region of every resource except the Azure Bot, which is global.')
param location string = resourceGroup().location

@maxLength(42)
@description('Name of the Azure Bot as shown in the portal.')
param botDisplayName string = 'Strategy Guide'

@allowed(['F0', 'S1'])
@description('Azure Bot pricing tier; Teams is a standard channel, free on F0.')
param botSku string = 'F0'

@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'P0v3', 'P1v3', 'P2v3'])
@description('App Service plan size (Linux). Free and shared plans cannot keep the bot always on.')
param webAppSku string = 'B1'

@description('App Service runtime stack: the Node.js version the bot is built and tested on.')
param linuxFxVersion string = 'NODE|24-lts'

@allowed(['Serverless', 'Provisioned'])
@description('Serverless bills per request; Provisioned shares autoscale throughput across the containers.')
param cosmosCapacityMode string = 'Serverless'

@minValue(1000)
@description('Provisioned only: the most RU/s the database may scale to (it scales down to a tenth of this).')
param cosmosAutoscaleMaxThroughput int = 1000

@allowed(['Continuous7Days', 'Continuous30Days'])
@description('Point-in-time restore window.')
param cosmosBackupTier string = 'Continuous7Days'

@allowed(['Enabled', 'AzureOnly'])
@description('Who may reach Cosmos DB over its public endpoint: Enabled = any network (Entra ID still required); AzureOnly = Azure datacenters (the web app among them) and the addresses in cosmosAllowedIpRanges. Turning the endpoint off needs a private endpoint, which this template does not create.')
param cosmosPublicNetworkAccess string = 'Enabled'

@description('AzureOnly: comma-separated IPv4 addresses or CIDR ranges that may also reach Cosmos DB, e.g. a developer\'s or the portal\'s.')
param cosmosAllowedIpRanges string = ''

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'strategy-guide'

@description('Comma-separated Entra object ids of people who may also read and write the data (Built-in Data Contributor), e.g. a developer running the bot locally against this database.')
param cosmosDataContributorIds string = ''

@description('ALLOWED_TENANTS: comma-separated tenant ids the bot serves. Empty means only the tenant this is deployed to.')
param allowedTenants string = ''

@description('ADMIN_IDS: comma-separated Entra object ids.')
param adminIds string = ''

@description('LEADER_IDS: comma-separated Entra object ids.')
param leaderIds string = ''

@description('MANAGER_IDS: comma-separated Entra object ids.')
param managerIds string = ''

@allowed(['anyone', 'managers'])
@description('PULSE_POLICY: who may start a pulse.')
param pulsePolicy string = 'managers'

@description('Comma-separated e-mail addresses the alerts go to; empty: the alerts fire and show in the portal, but nobody is mailed.')
param alertEmails string = ''

@minValue(1)
@description('The 5xx alert fires when the web app answers more than this many requests with a 5xx status within 5 minutes.')
param alertHttp5xxThreshold int = 10

@minValue(1)
@description('The Cosmos DB alert fires when more than this many requests are throttled (429) within 5 minutes.')
param alertCosmosThrottleThreshold int = 50

@description('CONTENT_PACK: path of an organisation\'s own content pack inside the deployed app; empty for the default pack.')
param contentPack string = ''

@description('DASHBOARD_CLIENT_ID: client id of the dashboard tab\'s Entra app registration (aad.manifest.json), the audience of its Teams SSO tokens. Empty: the dashboard API refuses every request.')
param dashboardClientId string = ''

@description('DASHBOARD_APP_ID_URI: its Application ID URI (api://<host>/<client id>), also accepted as the audience; may stay empty.')
param dashboardAppIdUri string = ''

var baseName = toLower('${resourceBaseName}${take(uniqueString(resourceGroup().id), 6)}')
var containers = loadJsonContent('containers.json').containers

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'strategy-guide-monitoring'
  params: {
    baseName: baseName
    location: location
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'strategy-guide-cosmos'
  params: {
    accountName: '${baseName}-cosmos'
    location: location
    databaseName: cosmosDatabaseName
    containers: containers
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupTier: cosmosBackupTier
    publicNetworkAccess: cosmosPublicNetworkAccess
    allowedIpRanges: cosmosAllowedIpRanges
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    appPrincipalId: identity.properties.principalId
    extraContributorIds: cosmosDataContributorIds
  }
}

module webApp 'modules/web-app.bicep' = {
  name: 'strategy-guide-web-app'
  params: {
    name: baseName
    location: location
    sku: webAppSku
    linuxFxVersion: linuxFxVersion
    identityId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    allowedTenants: empty(allowedTenants) ? tenant().tenantId : allowedTenants
    adminIds: adminIds
    leaderIds: leaderIds
    managerIds: managerIds
    pulsePolicy: pulsePolicy
    contentPack: contentPack
    dashboardClientId: dashboardClientId
    dashboardAppIdUri: dashboardAppIdUri
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'strategy-guide-alerts'
  params: {
    baseName: baseName
    location: location
    alertEmails: alertEmails
    webAppId: webApp.outputs.id
    cosmosAccountId: cosmos.outputs.id
    appInsightsId: monitoring.outputs.appInsightsId
    http5xxThreshold: alertHttp5xxThreshold
    cosmosThrottleThreshold: alertCosmosThrottleThreshold
  }
}

module bot 'modules/azure-bot.bicep' = {
  name: 'strategy-guide-azure-bot'
  params: {
    name: baseName
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
  }
}

// The Agents Toolkit writes these outputs to env/.env.<name>; appPackage/manifest.json and m365agents.yml use them.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.outputs.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.outputs.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.outputs.id
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
