using System.Buffers.Binary;
using System.Diagnostics;

namespace VpiBot.Tests.Features.Report;

/// <summary>
/// LibreOffice headless (Debian <c>libreoffice-writer-nogui</c>, with <c>libreoffice-draw-nogui</c> for the PNG export),
/// to see a document as a person would. Each conversion runs with a profile of its own (two at once do not share one)
/// and a time limit.
/// </summary>
public static class LibreOffice
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>soffice on the PATH, or null.</summary>
    public static string? Soffice { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, "soffice")).FirstOrDefault(File.Exists);

    /// <summary>The first page of a .docx as PNG (LibreOffice's Writer PNG export renders the first page).</summary>
    public static async Task<byte[]> FirstPageAsync(byte[] docx, string name)
    {
        var work = Directory.CreateTempSubdirectory("vpibot-render-").FullName;
        try
        {
            var input = Path.Combine(work, name + ".docx");
            await File.WriteAllBytesAsync(input, docx);
            var start = new ProcessStartInfo(Soffice ?? throw new InvalidOperationException("soffice is not installed"))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "-env:UserInstallation=" + new Uri(Path.Combine(work, "profile")).AbsoluteUri, "--headless", "--norestore",
                "--convert-to", "png", "--outdir", work, input,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"soffice did not convert {name} within {Timeout.TotalSeconds} s");
            }
            var png = Path.Combine(work, name + ".png");
            return File.Exists(png) ? await File.ReadAllBytesAsync(png)
                : throw new InvalidOperationException($"soffice made no PNG (exit {process.ExitCode}): {await output} {await errors}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk's length and type).</summary>
    public static (int Width, int Height) Dimensions(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(signature) && png.AsSpan(12, 4).SequenceEqual("IHDR"u8), "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}

/// <summary>
/// A test that needs LibreOffice: skipped, saying how to install it, when soffice is missing on a developer's machine;
/// run (and failing) in CI (<c>CI</c> set), where it must be installed.
/// </summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (LibreOffice.Soffice is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui libreoffice-draw-nogui); CI runs this test.";
        }
    }
}
