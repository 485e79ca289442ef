// Strategy Guide in Azure: a user-assigned managed identity that is the bot's identity and signs in to Cosmos DB,
// an App Service web app running the bot, Cosmos DB for NoSQL (Entra ID only), an Azure Bot with the Teams channel,
// and Application Insights. No secret appears here or in any output.
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
param linuxFxVersion string = 'NODE|20-lts'

@allowed(['Serverless', 'Provisioned'])
@description('Serverless bills per request; Provisioned shares autoscale throughput across the containers.')
param cosmosCapacityMode string = 'Serverless'

@minValue(1000)
@description('Provisioned only: the most RU/s the database may scale to (it scales down to a tenth of this).')
param cosmosAutoscaleMaxThroughput int = 1000

@allowed(['Continuous7Days', 'Continuous30Days'])
@description('Point-in-time restore window.')
param cosmosBackupTier string = 'Continuous7Days'

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

@description('CONTENT_PACK: path of an organisation\'s own content pack inside the deployed app; empty for the default pack.')
param contentPack string = ''

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
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
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
