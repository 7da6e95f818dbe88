// VpiBot on Azure: one resource group holding the bot's user-assigned managed identity (its Entra identity),
// a Linux App Service running the ASP.NET Core app, the Azure Bot registration with its Teams channel,
// a storage account for Azure Table Storage reached with that identity (no keys), and monitoring.
//
// Deployed by `azd up` (azure.yaml, parameters in main.parameters.json) or by the Microsoft 365 Agents Toolkit
// (m365agents.yml, parameters in m365agents.parameters.json). docs/deploy.md has what a template cannot do.
//
// Shaped after the Microsoft 365 Agents Toolkit's own C# bot template for a user-assigned-MSI bot
// (npm @microsoft/m365agentstoolkit-cli, templates/fallback/csharp.zip: default-bot/infra/azure.bicep and
// default-bot/infra/botRegistration/azurebot.bicep) and the Azure-Samples azd conventions
// (https://learn.microsoft.com/azure/developer/azure-developer-cli/make-azd-compatible).
// No secret is in this template or its outputs: no listKeys, no connection string with a key, no password.

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(12)
@description('Short prefix of every resource name (3-12 characters: letters, digits, hyphens; the azd environment name, e.g. "vpi-dev"). A unique suffix is added where Azure needs globally unique names.')
param namePrefix string

@description('Azure region of the resources (the Bot registration itself is global).')
param location string = resourceGroup().location

@maxLength(42)
@description('Name of the bot as the Azure Bot registration shows it.')
param botDisplayName string = 'VpiBot'

// P0v3 (Premium v3, the smallest): two instances behind App Service's load balancer with health-check
// eviction, Always On, more memory per instance than B1 at a similar price, and autoscale/slots when needed.
// B1 is allowed for a cheaper pilot (it also runs two instances and health checks, but has no autoscale and no slots).
// https://learn.microsoft.com/azure/app-service/overview-hosting-plans
@allowed([
  'P0v3'
  'B1'
])
@description('App Service plan SKU.')
param appServiceSku string = 'P0v3'

@minValue(1)
@maxValue(10)
@description('Number of App Service instances. The bot is stateless (all state in Table Storage), so any number works.')
param instanceCount int = 2

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot SKU. Messages to the Teams channel are free on both (Teams is a standard channel).')
param botSku string = 'F0'

@description('Who may set up a VPI (Vpi:Facilitators): Entra object ids or UPNs, separated by commas. Empty = nobody (docs/deploy.md). Kept here so that provisioning again does not drop them.')
param facilitators string = ''

@description('Graph:OrganizerMailbox: the shared mailbox meetings are organized from; empty = each facilitator\'s own. Graph is on when it is set (README "Microsoft Graph settings").')
param graphOrganizerMailbox string = ''

// Download links (the outcome report, the WhatsOn export) are signed with one key all instances share; a link lives
// ten minutes, so a new key at each deployment only ends the links of those minutes. newGuid() may only be a
// parameter's default: https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions-string#newguid
@secure()
@description('Downloads:SigningKey, base64 of at least 32 bytes. Leave it to its default: a fresh random key at each deployment.')
param downloadSigningKey string = base64('${newGuid()}${newGuid()}')

@description('Tags for every resource; azd adds its azd-env-name tag here.')
param tags object = {}

var lowerPrefix = toLower(namePrefix)
// Storage account names allow lowercase letters and digits only.
var compactPrefix = replace(replace(lowerPrefix, '-', ''), '_', '')
var suffix = uniqueString(subscription().id, resourceGroup().id, lowerPrefix)
var appName = '${lowerPrefix}-app-${suffix}'
var storageName = take('${compactPrefix}st${suffix}', 24)
var tableName = 'vpibot'
// Storage Table Data Contributor: read, write and delete tables and entities.
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-table-data-contributor
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// ---------------------------------------------------------------------------------------------------------------
// The bot's identity: Bot Framework, Graph and Table Storage tokens are all this identity's.
// https://learn.microsoft.com/azure/bot-service/provision-and-publish-a-bot (user-assigned managed identity)
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${lowerPrefix}-id-${suffix}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------------------------
// Monitoring
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${lowerPrefix}-log-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

// Workspace-based Application Insights. https://learn.microsoft.com/azure/azure-monitor/app/create-workspace-resource
resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${lowerPrefix}-appi-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage: Azure Table Storage for everything the bot keeps, reached with Entra tokens only.
// https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Created here so the bot's identity needs no right to create tables (AzureTableStore creates it if missing).
resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

// The bot's identity may read and write tables of this storage account, and nothing else.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// App Service (Linux, .NET 10)
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${lowerPrefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

// The settings the app reads (README "Configuration"); `__` stands for `:` in App Service's environment variables.
// APPLICATIONINSIGHTS_CONNECTION_STRING holds an instrumentation key, which Microsoft documents as not a secret
// (it only lets telemetry be sent in): https://learn.microsoft.com/azure/azure-monitor/app/connection-strings
var botAppSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppTenantId: tenant().tenantId
  Storage__Provider: 'AzureTables'
  Storage__TableServiceUri: storage.properties.primaryEndpoints.table
  Storage__TableName: tableName
  Storage__ManagedIdentityClientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  Downloads__SigningKey: downloadSigningKey
}
var facilitatorList = filter(map(split(facilitators, ','), f => trim(f)), f => !empty(f))
var facilitatorSettings = toObject(range(0, length(facilitatorList)), i => 'Vpi__Facilitators__${i}', i => facilitatorList[i])
var graphSettings = empty(graphOrganizerMailbox) ? {} : { Graph__OrganizerMailbox: graphOrganizerMailbox }
var allAppSettings = union(botAppSettings, facilitatorSettings, graphSettings)

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd finds the service's host by this tag (azure.yaml: services.vpibot).
  tags: union(tags, { 'azd-service-name': 'vpibot' })
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
    }
  }
}

// The whole set of app settings (replaces any set by hand). The role assignment comes first, so the first
// start already has its storage rights.
resource appSettingsConfig 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: allAppSettings
  dependsOn: [
    tableDataContributor
  ]
}

// Basic-auth publishing (FTP and the SCM site) off: azd and the Toolkit deploy with Entra tokens (the Toolkit's
// azureAppService/zipDeploy uses a bearer token first). https://learn.microsoft.com/azure/app-service/configure-basic-auth-disable
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
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

// ---------------------------------------------------------------------------------------------------------------
// Azure Bot with the Teams channel
module bot 'modules/bot.bicep' = {
  name: 'vpibot-registration'
  params: {
    name: '${lowerPrefix}-bot-${suffix}'
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    tenantId: tenant().tenantId
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs: azd and the Toolkit write them into the environment's .env file. Names and non-secret values only.
@description('The settings the app was given (names and values; none is a secret).')
output appSettings object = allAppSettings
@description('The bot\'s messaging endpoint.')
output botEndpoint string = bot.outputs.endpoint
@description('The client id of the bot\'s user-assigned managed identity (= MicrosoftAppId = the Teams manifest\'s botId).')
output identityClientId string = identity.properties.clientId
@description('The object id of the identity\'s service principal: Graph app roles are granted to it (docs/deploy.md).')
output identityPrincipalId string = identity.properties.principalId
@description('The app\'s address.')
output appUrl string = 'https://${app.properties.defaultHostName}'

// azd's conventional outputs
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId

// The Microsoft 365 Agents Toolkit's names (its C# bot template's outputs), used by m365agents.yml.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = tenant().tenantId
output BOT_DOMAIN string = app.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.id
