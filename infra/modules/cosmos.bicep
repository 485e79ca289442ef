// Cosmos DB for NoSQL: Entra ID only (keys disabled), continuous backup, serverless unless provisioned throughput
// is asked for, optionally reachable from Azure only, logs and metrics to Log Analytics. The database and containers
// are created here because Entra ID cannot manage them at run time.

@description('Globally unique account name (lowercase letters, digits and hyphens).')
param accountName string

@description('Region of the account.')
param location string

@description('Database name (COSMOS_DATABASE).')
param databaseName string

@description('Container ids and partition keys: infra/containers.json, generated from src/storage/containers.ts.')
param containers array

@allowed(['Serverless', 'Provisioned'])
param capacityMode string

@minValue(1000)
@description('Provisioned only: autoscale maximum RU/s shared by the containers.')
param autoscaleMaxThroughput int

@allowed(['Continuous7Days', 'Continuous30Days'])
param backupTier string

@allowed(['Enabled', 'AzureOnly'])
@description('Enabled: any network; AzureOnly: Azure datacenters and allowedIpRanges. No Disabled: this template creates no private endpoint.')
param publicNetworkAccess string = 'Enabled'

@description('AzureOnly: comma-separated IPv4 addresses or CIDR ranges that may also connect.')
param allowedIpRanges string = ''

@description('Log Analytics workspace that receives the account\'s logs and metrics.')
param logAnalyticsWorkspaceId string

@description('Principal id of the bot\'s managed identity, which gets the Built-in Data Contributor role.')
param appPrincipalId string

@description('Comma-separated Entra object ids that also get the Built-in Data Contributor role.')
param extraContributorIds string = ''

var serverless = capacityMode == 'Serverless'
// Cosmos DB Built-in Data Contributor: read and write items; no key, no control-plane rights.
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var extraContributors = filter(map(split(extraContributorIds, ','), id => trim(id)), id => !empty(id))
var extraIpRanges = filter(map(split(allowedIpRanges, ','), range => trim(range)), range => !empty(range))
// 0.0.0.0 is Cosmos DB's rule for "accept connections from within public Azure datacenters" (App Service among them).
var azureOnlyRules = concat([{ ipAddressOrRange: '0.0.0.0' }], map(extraIpRanges, range => { ipAddressOrRange: range }))
var ipRules = publicNetworkAccess == 'AzureOnly' ? azureOnlyRules : []

var defaultIndexing = {
  indexingMode: 'consistent'
  automatic: true
  includedPaths: [{ path: '/*' }]
  excludedPaths: [{ path: '/"_etag"/?' }]
}
// Where the code's queries are known, index only what they filter on: writes of large documents (answer
// values, dialog state, conversation references) and frequent counter patches then cost fewer RUs.
// Other containers index everything.
var indexingByContainer = {
  users: {
    indexingMode: 'consistent'
    automatic: true
    includedPaths: [
      { path: '/tenantId/?' }
      { path: '/userId/?' }
      { path: '/type/?' }
      { path: '/questionId/?' }
      { path: '/conversationId/?' }
      // The counters' sweep finds person documents by what they owe (src/storage/owed-people.ts).
      { path: '/owedBy/[]/?' }
      { path: '/owedSince/?' }
      // The portfolio of a team reads the membership documents that list it (src/storage/answer-store.ts).
      { path: '/teamIds/[]/?' }
      // Reminders find people whose next reminder is due, soonest first (src/storage/participation-store.ts).
      { path: '/nextNudgeAt/?' }
      // The strategy document's date range starts at the earliest answer (src/storage/answer-store.ts).
      { path: '/answeredAt/?' }
    ]
    excludedPaths: [{ path: '/*' }]
  }
  aggregates: {
    indexingMode: 'consistent'
    automatic: true
    includedPaths: [{ path: '/tenantId/?' }, { path: '/questionId/?' }, { path: '/type/?' }]
    excludedPaths: [{ path: '/*' }]
  }
}

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    ipRules: ipRules
    isVirtualNetworkFilterEnabled: false
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.id
    properties: {
      // TTL is on only where containers.json gives a defaultTtl (-1: documents expire only by their own ttl).
      resource: union(
        {
          id: container.id
          partitionKey: {
            paths: container.partitionKey.paths
            kind: container.partitionKey.kind
            version: container.partitionKey.version
          }
          indexingPolicy: contains(indexingByContainer, container.id) ? indexingByContainer[container.id] : defaultIndexing
        },
        contains(container, 'defaultTtl') ? { defaultTtl: container.defaultTtl } : {}
      )
    }
  }
]

resource appDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, appPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: appPrincipalId
    scope: account.id
  }
}

resource extraDataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principalId in extraContributors: {
    parent: account
    name: guid(account.id, principalId, dataContributorRoleId)
    properties: {
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
      principalId: principalId
      scope: account.id
    }
  }
]

// Data-plane requests, query statistics (query text obfuscated) and partition-key RU use: request metadata and partition
// key values (tenant and Entra object ids), never document contents. Resource-specific tables (CDBDataPlaneRequests …).
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      for category in [
        'DataPlaneRequests'
        'QueryRuntimeStatistics'
        'PartitionKeyRUConsumption'
        'PartitionKeyStatistics'
        'ControlPlaneRequests'
      ]: {
        category: category
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'Requests'
        enabled: true
      }
    ]
  }
}

output id string = account.id
output endpoint string = account.properties.documentEndpoint
