namespace VpiBot.Domain.Consultations;

public sealed record ConsultationAnnex(int Number, string Title, DateTimeOffset Deadline, DateTimeOffset? ClosedAt, IReadOnlyList<AnnexQuestion> Questions);
public sealed record AnnexQuestion(string Text, IReadOnlyList<AnnexInput> Inputs);
public sealed record AnnexInput(string Organisation, OrganisationType OrganisationType, string Text);
