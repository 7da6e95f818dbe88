using VpiBot.Domain.Questions;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Questions;

/// <summary>A "did you mean" button of a question not understood: that question, asked of the VPI.</summary>
public sealed record AskQuestion(string VpiId, QuestionIntent Intent) : ICardData, IVpiCard
{
    public static string Verb => "question.ask";
}

/// <summary>A question asked in a 1:1 chat by someone in several VPIs: the VPI they chose, and the question again.</summary>
public sealed record AskInVpi(string VpiId, string Question) : ICardData, IVpiCard
{
    public static string Verb => "question.invpi";
}

/// <summary>The VPI a question is answered for, when it is not the conversation's (a 1:1 chat).</summary>
public sealed record VpiRef(string VpiId) : IVpiCard;
