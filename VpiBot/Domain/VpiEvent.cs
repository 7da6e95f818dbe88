namespace VpiBot.Domain;

/// <summary>
/// Something that happened to a VPI and that people are to hear about (a priority sent for review, a decision taken).
/// Features define events as plain records; they are stored as JSON, with their type name, in the VPI's partition
/// in the same atomic batch as the state change that caused them, and delivered later by the outbox.
/// </summary>
public interface IVpiEvent
{
    /// <summary>The VPI the event belongs to: its row is written in that VPI's partition.</summary>
    string VpiId { get; }
}
