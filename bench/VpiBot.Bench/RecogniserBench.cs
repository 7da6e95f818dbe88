using VpiBot.Tests.Domain.Questions;
using System.Diagnostics;
using System.Globalization;
using VpiBot.Domain.Questions;

namespace VpiBot.Bench;

/// <summary>
/// <see cref="QuestionRecogniser.Recognise"/> alone, in this process (no bot, no HTTP): every labelled question of
/// questions.tsv (the <c>Unknown</c> ones too) with its language's Teams locale, in passes over the set, for
/// <c>duration</c> after one pass of warm-up; on one thread, then with <c>Parallel.For</c> on 16 threads. Prints
/// questions/s and bytes allocated per question, then the accuracy per language on the labelled and the held-out set,
/// computed as QuestionRecogniserTests does (the intent right; the slots right when the intent is and every slot is
/// exactly as labelled; over all questions of the language).
/// </summary>
public static class RecogniserBench
{
    public static void Run(TimeSpan duration)
    {
        var labelled = BenchQuestions.Load("questions.tsv");
        var texts = labelled.Select(q => q.Text).ToArray();
        var locales = labelled.Select(q => QuestionScenario.LocaleOf(q.Language)).ToArray();
        Console.WriteLine();
        Console.WriteLine($"recogniser only: {texts.Length} labelled questions, passes over the set for {duration.TotalSeconds:0.#} s per run");

        // warm-up: three passes (the lexicons compile on first use; the JIT tiers up)
        for (var w = 0; w < 3; w++)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                QuestionRecogniser.Recognise(texts[i], locales[i]);
            }
        }

        Console.WriteLine("| threads |   questions | seconds | questions/s | wall µs/question | bytes allocated/question |");
        Console.WriteLine("|--------:|------------:|--------:|------------:|-----------------:|-------------------------:|");
        foreach (var threads in new[] { 1, 16 })
        {
            long done = 0;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                if (threads == 1)
                {
                    for (var i = 0; i < texts.Length; i++)
                    {
                        QuestionRecogniser.Recognise(texts[i], locales[i]);
                    }
                }
                else
                {
                    Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => QuestionRecogniser.Recognise(texts[i], locales[i]));
                }
                done += texts.Length;
            }
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {threads,7} | {done,11} | {seconds,7:0.00} | {done / seconds,11:0} | {seconds * 1e6 / done,16:0.0} | {allocated / (double)done,24:0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| set                    | language | questions | intent %        | slots %         |");
        Console.WriteLine("|------------------------|----------|----------:|----------------:|----------------:|");
        foreach (var file in new[] { "questions.tsv", "questions-heldout.tsv" })
        {
            if (!File.Exists(BenchQuestions.PathOf(file)))
            {
                continue;
            }
            foreach (var group in BenchQuestions.Load(file).GroupBy(q => q.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var locale = QuestionScenario.LocaleOf(group.Key);
                int n = 0, intents = 0, slots = 0;
                foreach (var q in group)
                {
                    var r = QuestionRecogniser.Recognise(q.Text, locale);
                    var intentOk = r.Intent == q.Intent;
                    n++;
                    intents += intentOk ? 1 : 0;
                    slots += intentOk && LabelledQuestions.SameSlots(r.Slots, q.Slots) ? 1 : 0;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {file,-22} | {group.Key,-8} | {n,9} | {$"{100.0 * intents / n:0.0} ({intents}/{n})",15} | {$"{100.0 * slots / n:0.0} ({slots}/{n})",15} |"));
            }
        }
    }
}
