// Alerts and the action group they notify: 5xx responses, failed health checks, Cosmos DB throttling (429) and
// pulse messages that could not be delivered. docs/operations.md says what to do when each one fires.

@description('Start of the resource names.')
param baseName string

@description('Region of the log alert; metric alerts and the action group are global.')
param location string

@description('Comma-separated e-mail addresses to notify; empty: the alerts fire and show in the portal only.')
param alertEmails string

@description('Resource id of the bot\'s web app.')
param webAppId string

@description('Resource id of the Cosmos DB account.')
param cosmosAccountId string

@description('Resource id of the Application Insights component the app sends its telemetry to.')
param appInsightsId string

@description('5xx responses within 5 minutes above which the 5xx alert fires.')
param http5xxThreshold int

@description('Throttled (429) Cosmos DB requests within 5 minutes above which the throttling alert fires.')
param cosmosThrottleThreshold int

var emails = filter(map(split(alertEmails, ','), email => trim(email)), email => !empty(email))
// The counter the app increments for each pulse recipient it gave up on (OpenTelemetry → Application Insights).
var pulseSendFailuresMetric = 'strategyguide.pulse.send_failures'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${baseName}-alerts'
  location: 'global'
  properties: {
    groupShortName: 'StratGuide'
    enabled: true
    emailReceivers: [
      for (email, i) in emails: {
        name: 'email-${i}'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

resource http5xxAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-http-5xx'
  location: 'global'
  properties: {
    description: 'The bot answered more than ${http5xxThreshold} requests with a 5xx status within 5 minutes.'
    severity: 2
    enabled: true
    scopes: [webAppId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: http5xxThreshold
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

resource healthCheckAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-health-check'
  location: 'global'
  properties: {
    description: 'An instance of the bot failed its /readyz health check (Cosmos DB unreachable or no content pack).'
    severity: 1
    enabled: true
    scopes: [webAppId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'healthCheckStatus'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'HealthCheckStatus'
          // The share of healthy instances, 0-100.
          timeAggregation: 'Average'
          operator: 'LessThan'
          threshold: 100
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

resource cosmosThrottleAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-cosmos-429'
  location: 'global'
  properties: {
    description: 'Cosmos DB throttled more than ${cosmosThrottleThreshold} requests (429) within 5 minutes.'
    severity: 2
    enabled: true
    scopes: [cosmosAccountId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttledRequests'
          metricNamespace: 'Microsoft.DocumentDB/databaseAccounts'
          metricName: 'TotalRequests'
          timeAggregation: 'Count'
          dimensions: [
            {
              name: 'StatusCode'
              operator: 'Include'
              values: ['429']
            }
          ]
          operator: 'GreaterThan'
          threshold: cosmosThrottleThreshold
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

resource pulseSendFailuresAlert 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: '${baseName}-pulse-send-failures'
  location: location
  properties: {
    displayName: 'Pulse messages not delivered'
    description: 'The bot gave up delivering a pulse to at least one person (after its retries) in the last 15 minutes.'
    severity: 3
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "${pulseSendFailuresMetric}" | project timestamp, failures = valueSum'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

output actionGroupId string = actionGroup.id
