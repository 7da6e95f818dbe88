namespace VpiBot.Domain.Consultations;

/// <summary>A closed consultation as the outcome report's annex shows it: each question with the inputs given, by organisation.</summary>
public sealed record ConsultationAnnex(int Number, string Title, DateTimeOffset Deadline, DateTimeOffset? ClosedAt, IReadOnlyList<AnnexQuestion> Questions);

public sealed record AnnexQuestion(string Text, IReadOnlyList<AnnexInput> Inputs);

public sealed record AnnexInput(string Organisation, OrganisationType OrganisationType, string Text);
