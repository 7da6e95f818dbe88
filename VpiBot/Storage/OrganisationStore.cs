using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>A registration or a rename, saved; or refused because another organisation of the VPI has that name (its number).</summary>
public sealed record OrganisationWrite(Versioned<AllianceOrganisation>? Saved, int? NameTakenBy);

/// <summary>
/// The alliance's organisations in their VPI's partition (<c>organisation|000007</c>), numbered per VPI (see
/// <see cref="NumberedRows{T}"/>). Each name is held by a row of its own (<c>organisation-name|{hash of the folded name}</c>,
/// holding the number), written in the same atomic batch as the organisation: two people registering the same
/// organisation at once cannot both succeed, and the one refused is told which number has it.
/// </summary>
public sealed class OrganisationStore(ITableStore table, OutboxStore outbox)
{
    private const string NamePrefix = "organisation-name|";
    private readonly NumberedRows<AllianceOrganisation> _rows = new(table, outbox, "organisation");

    /// <summary>The row holding a name: a hash of its folded form, so any name (any script, any length) makes a valid key.</summary>
    private static string NameRow(string name) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AllianceRules.FoldedName(name))));

    private static string NumberText(int number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number of the organisation registered under this name (folded: case, accents and punctuation aside), if any.</summary>
    public async Task<int?> NumberByNameAsync(string vpiId, string name, CancellationToken ct) =>
        await table.GetAsync(VpiStore.Partition(vpiId), NameRow(name), ct) is { } row ? int.Parse(row.Data, CultureInfo.InvariantCulture) : null;

    /// <summary>Registers the next organisation with its name and the events it causes, unless the name is taken.</summary>
    public async Task<OrganisationWrite> RegisterAsync(string vpiId, string name, Func<int, AllianceOrganisation> create,
        Func<AllianceOrganisation, IReadOnlyList<IVpiEvent>> events, CancellationToken ct)
    {
        if (await NumberByNameAsync(vpiId, name, ct) is { } taken)
        {
            return new OrganisationWrite(null, taken);
        }
        try
        {
            var created = await _rows.CreateAsync(vpiId, n =>
            {
                var o = create(n);
                return (o, [new RowOperation.Insert(NameRow(name), NumberText(n))], events(o));
            }, ct);
            return new OrganisationWrite(await _rows.GetAsync(vpiId, created.Number, ct), null);
        }
        catch (ConcurrencyConflictException)
        {
            // registered under this name by someone else meanwhile; anything else is the caller's to answer
            if (await NumberByNameAsync(vpiId, name, ct) is { } other)
            {
                return new OrganisationWrite(null, other);
            }
            throw;
        }
    }

    public Task<Versioned<AllianceOrganisation>?> GetAsync(string vpiId, int number, CancellationToken ct) => _rows.GetAsync(vpiId, number, ct);

    /// <summary>
    /// Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise),
    /// with its events; a new name moves the name's row with it, unless another organisation holds that name.
    /// </summary>
    public async Task<OrganisationWrite> SaveAsync(string vpiId, Versioned<AllianceOrganisation> read, AllianceOrganisation changed, IReadOnlyList<IVpiEvent> events,
        CancellationToken ct)
    {
        var (before, after) = (NameRow(read.Item.Details.Name), NameRow(changed.Details.Name));
        if (before == after)
        {
            return new OrganisationWrite(await _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct), null);
        }
        if (await NumberByNameAsync(vpiId, changed.Details.Name, ct) is { } taken)
        {
            return new OrganisationWrite(null, taken);
        }
        try
        {
            return new OrganisationWrite(await _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct,
                [new RowOperation.Delete(before, "*"), new RowOperation.Insert(after, NumberText(changed.Number))]), null);
        }
        catch (ConcurrencyConflictException)
        {
            // the name was taken meanwhile, or the organisation changed since it was read (the caller's to answer)
            if (await NumberByNameAsync(vpiId, changed.Details.Name, ct) is { } other && other != changed.Number)
            {
                return new OrganisationWrite(null, other);
            }
            throw;
        }
    }

    /// <summary>Every organisation of the VPI's alliance, in the order registered (for the report and plain-language questions).</summary>
    public async Task<IReadOnlyList<AllianceOrganisation>> ListAsync(string vpiId, CancellationToken ct) =>
        (await _rows.ListAsync(vpiId, ct)).Select(v => v.Item).ToList();
}
