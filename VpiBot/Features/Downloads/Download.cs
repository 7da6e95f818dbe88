using System.Globalization;
using VpiBot.Domain;

namespace VpiBot.Features.Downloads;

/// <summary>A file as served: its name (with extension), MIME type and bytes.</summary>
public sealed record DownloadFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One kind of document the app serves through a signed, short-lived link (<see cref="DownloadLinks"/>): the outcome
/// report, the WhatsOn export. It is built when the link is used, from the data as it is then, for a person who — then
/// as when the link was made — holds <see cref="Access"/> on the VPI's roster.
/// </summary>
public abstract class Download
{
    /// <summary>The link's path segment, lower case ("report", "whatson-csv").</summary>
    public abstract string Kind { get; }

    /// <summary>Who may download it.</summary>
    public virtual Access Access => Access.Facilitator;

    public abstract Task<DownloadFile> BuildAsync(Vpi vpi, Member caller, CultureInfo culture, CancellationToken ct);
}
