// The Azure Bot: signs in as the user-assigned managed identity (no app secret) and is on the Teams channel.

@description('Globally unique bot handle.')
param name string

@maxLength(42)
param displayName string

@allowed(['F0', 'S1'])
param sku string

@description('The web app\'s messaging endpoint: https://<host>/api/messages.')
param endpoint string

@description('Resource id of the user-assigned managed identity the bot runs as.')
param identityResourceId string

@description('Client id of that identity: the bot\'s app id (BOT_ID).')
param identityClientId string

@description('Tenant of that identity (BOT_TENANT_ID).')
param identityTenantId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}
