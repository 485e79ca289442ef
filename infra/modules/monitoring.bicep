// Application Insights on a Log Analytics workspace (workspace-based: classic Application Insights is retired).

@description('Start of the resource names.')
param baseName string

@description('Region of the resources.')
param location string

@minValue(30)
@description('Days the workspace keeps logs.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

output workspaceId string = workspace.id
output appInsightsId string = appInsights.id
// A connection string identifies where telemetry goes; it grants no read access and is not a secret.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
