namespace VpiBot.Tests.Support;

/// <summary>A tiny real HTTP server on 127.0.0.1 with a free port: how the fake Microsoft services run.</summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    protected abstract void Map(WebApplication app);

    /// <summary>Starts on <paramref name="port"/> of 127.0.0.1 (a free one when 0).</summary>
    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/') + "/";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
