using System.IO.Compression;
using System.Net;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Dashboard;

/// <summary>
/// The dashboard's own files go compressed to a browser that asks (Brotli, else gzip) and come back whole; the JSON API
/// and the health endpoints are never compressed (a person's data next to what they can make the page ask for).
/// </summary>
public sealed class DashboardCompressionTests(DashboardApiFixture f) : IClassFixture<DashboardApiFixture>
{
    private static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip", "gzip")]
    public async Task The_bundle_is_sent_compressed_to_a_browser_that_asks_and_decompresses_to_the_same_bytes(string accept, string expected)
    {
        await using var app = new BotApp();
        var client = app.CreateClient();
        var (plainResponse, plain) = await GetAsync(client, "/dashboard/app.js", null);
        Assert.Equal(HttpStatusCode.OK, plainResponse.StatusCode);
        Assert.Empty(plainResponse.Content.Headers.ContentEncoding);

        var (response, compressed) = await GetAsync(client, "/dashboard/app.js", accept);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.True(compressed.Length < plain.Length / 2, $"{compressed.Length} bytes compressed of {plain.Length}");
        await using Stream decoder = expected == "br"
            ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var whole = new MemoryStream();
        await decoder.CopyToAsync(whole);
        Assert.Equal(plain, whole.ToArray());
    }

    [Fact]
    public async Task The_API_and_health_answers_are_never_compressed()
    {
        var me = await f.GetAsync("/api/dashboard/me", f.TokenOf(DashboardApiFixture.Ama), acceptEncoding: "br, gzip");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Empty(me.Content.Headers.ContentEncoding);
        Assert.NotEmpty(await me.Content.ReadAsStringAsync());

        await using var app = new BotApp();
        var (health, _) = await GetAsync(app.CreateClient(), "/healthz", "br, gzip");
        Assert.Empty(health.Content.Headers.ContentEncoding);
    }
}
