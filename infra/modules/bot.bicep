// The Azure Bot registration for a bot whose identity is a user-assigned managed identity, and its Teams channel.
// As the Microsoft 365 Agents Toolkit's C# bot template registers one
// (npm @microsoft/m365agentstoolkit-cli, templates/fallback/csharp.zip: default-bot/infra/botRegistration/azurebot.bicep);
// https://learn.microsoft.com/azure/templates/microsoft.botservice/botservices

@description('Name of the Azure Bot resource.')
param name string

@maxLength(42)
param displayName string

@allowed([
  'F0'
  'S1'
])
param sku string

@description('The https messaging endpoint, ending in /api/messages.')
param endpoint string

param identityClientId string
param identityResourceId string
param tenantId string
param tags object = {}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
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
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output endpoint string = botService.properties.endpoint
