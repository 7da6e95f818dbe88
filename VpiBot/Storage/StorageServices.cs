using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using VpiBot.Storage.Tables;
using VpiBot.Telemetry;

namespace VpiBot.Storage;

/// <summary>
/// Registers the one <see cref="ITableStore"/>, chosen by <c>Storage:Provider</c>:
/// <c>Sqlite</c> (default; file <c>Storage:Sqlite:Path</c>, default <c>data/vpibot.db</c> under the content root)
/// or <c>AzureTables</c> (<c>Storage:ConnectionString</c>, or <c>Storage:TableServiceUri</c> with
/// a token credential: the user-assigned managed identity <c>Storage:ManagedIdentityClientId</c>, else <see cref="DefaultAzureCredential"/>; table <c>Storage:TableName</c>, default <c>vpibot</c>).
/// </summary>
public static class StorageServices
{
    public const string DefaultSqlitePath = "data/vpibot.db";
    public const string DefaultTableName = "vpibot";

    public static IServiceCollection AddVpiStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = configuration.GetSection("Storage");
        var provider = storage["Provider"] ?? "Sqlite";
        services.AddVpiInstruments();
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.Combine(environment.ContentRootPath, storage["Sqlite:Path"] ?? DefaultSqlitePath);
            services.AddSingleton<ITableStore>(sp => new SqliteTableStore(path, sp.GetRequiredService<VpiTelemetry>()));
        }
        else if (provider.Equals("AzureTables", StringComparison.OrdinalIgnoreCase))
        {
            var tableService = TableService(storage);
            var tableName = storage["TableName"] ?? DefaultTableName;
            services.AddSingleton<ITableStore>(sp => new AzureTableStore(tableService, tableName, sp.GetRequiredService<VpiTelemetry>()));
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use 'Sqlite' (default) or 'AzureTables'.");
        }
        return services;
    }

    private static TableServiceClient TableService(IConfigurationSection storage)
    {
        if (storage["ConnectionString"] is { Length: > 0 } connectionString)
        {
            return new TableServiceClient(connectionString);
        }
        if (storage["TableServiceUri"] is { Length: > 0 } uri)
        {
            return new TableServiceClient(new Uri(uri), Credential(storage));
        }
        throw new InvalidOperationException(
            "Storage:Provider is AzureTables but neither Storage:ConnectionString nor Storage:TableServiceUri is set.");
    }

    /// <summary>
    /// The token credential for <c>Storage:TableServiceUri</c>: with <c>Storage:ManagedIdentityClientId</c> (as infra/main.bicep
    /// sets it) exactly that user-assigned managed identity, as Microsoft advises for production; without it
    /// <see cref="DefaultAzureCredential"/> (a developer's Azure CLI login, a system-assigned identity ...).
    /// https://learn.microsoft.com/dotnet/azure/sdk/authentication/best-practices#use-deterministic-credentials-in-production-environments
    /// </summary>
    internal static TokenCredential Credential(IConfigurationSection storage) =>
        storage["ManagedIdentityClientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
