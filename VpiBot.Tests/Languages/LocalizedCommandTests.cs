using VpiBot.Features;
using VpiBot.Protocol.Routing;

namespace VpiBot.Tests.Languages;

/// <summary>Commands typed in any of the six languages, by their words (<c>Command.*</c> resources) or their English name.</summary>
public sealed class LocalizedCommandTests
{
    private static CommandRoute Route(string name, params (string Language, string Words)[] words) =>
        new(name, "Help.Command.X", "Help.Group.X", CommandMenu.None, "Anyone", (_, _, _, _) => Task.FromResult(Answer.Nothing),
            words.ToDictionary(w => w.Language, w => w.Words));

    private static RouteTable Table(params CommandRoute[] routes)
    {
        var table = new RouteTable();
        foreach (var route in routes)
        {
            table.Add(route);
        }
        return table;
    }

    private static readonly RouteTable Tasks = Table(
        Route("task", ("fr", "tâche"), ("ar", "مهمة"), ("zh-Hans", "任务"), ("ru", "задача"), ("es", "tarea")),
        Route("my tasks", ("fr", "mes tâches"), ("ar", "مهامي"), ("zh-Hans", "我的任务"), ("ru", "мои задачи"), ("es", "mis tareas")),
        Route("add task", ("fr", "ajouter tâche"), ("zh-Hans", "添加任务")));

    [Theory]
    [InlineData("tâche 3", "task", "3")]
    [InlineData("Tâche 3", "task", "3")]
    [InlineData("TÂCHE", "task", "")]
    [InlineData("مهمة 3", "task", "3")]
    [InlineData("任务3", "task", "3")]
    [InlineData("任务 3", "task", "3")]
    [InlineData("Задача 12", "task", "12")]
    [InlineData("tarea 7", "task", "7")]
    [InlineData("mes tâches", "my tasks", "")]
    [InlineData("我的任务", "my tasks", "")]
    [InlineData("ajouter tâche Former les juges", "add task", "Former les juges")]
    [InlineData("添加任务培训法官", "add task", "培训法官")]
    [InlineData("task 3", "task", "3")]
    [InlineData("my tasks", "my tasks", "")]
    public void A_command_is_recognised_by_its_words_in_any_language_with_its_arguments_after_them(string typed, string command, string arguments)
    {
        var (route, args) = Tasks.Match(typed);
        Assert.Equal(command, route?.Name);
        Assert.Equal(arguments, args);
    }

    [Theory]
    [InlineData("tâcheron 3")]
    [InlineData("tareas")]
    [InlineData("мои")]
    public void Words_match_whole_words_in_scripts_written_with_spaces(string typed) =>
        Assert.Null(Tasks.Match(typed).Route);

    [Theory]
    [InlineData("tache 3", "task", "3")]              // typed without the circumflex
    [InlineData("mes taches", "my tasks", "")]
    [InlineData("Ajouter Tache Former les juges", "add task", "Former les juges")]
    [InlineData("tâche Élaborer", "task", "Élaborer")] // arguments stay as typed, accents and all
    public void Accents_left_out_still_find_the_command_and_the_arguments_are_kept_as_typed(string typed, string command, string arguments)
    {
        var (route, args) = Tasks.Match(typed);
        Assert.Equal(command, route?.Name);
        Assert.Equal(arguments, args);
    }

    [Fact]
    public void A_Spanish_command_is_found_typed_with_or_without_its_accent() =>
        // "reunión" (es) is a command: typed as it is spelt, or as people type it on a keyboard without accents
        Assert.Equal(["meeting", "meeting"], new[] { "reunion 2", "reunión 2" }.Select(t => Table(Route("meeting", ("es", "reunión"))).Match(t).Route?.Name));

    [Fact]
    public void Full_width_letters_typed_on_a_Chinese_keyboard_match()
    {
        var (route, args) = Table(Route("status")).Match("ｓｔａｔｕｓ");
        Assert.Equal("status", route?.Name);
        Assert.Equal("", args);
    }

    [Fact]
    public void Arguments_are_kept_as_typed()
    {
        var (_, args) = Tasks.Match("tâche   Former  les Juges’ équipes");
        Assert.Equal("Former  les Juges’ équipes", args);
    }

    [Fact]
    public void Where_two_languages_use_the_same_words_for_different_commands_the_readers_language_wins()
    {
        var table = Table(Route("report", ("fr", "rapport")), Route("status", ("es", "rapport")));
        Assert.Equal("report", table.Match("rapport", "fr").Route?.Name);
        Assert.Equal("status", table.Match("rapport", "es").Route?.Name);
    }

    [Fact]
    public void The_English_name_wins_over_another_languages_words_that_spell_it()
    {
        var table = Table(Route("status"), Route("stage", ("fr", "status")));
        Assert.Equal("status", table.Match("status", "en").Route?.Name);
        Assert.Equal("stage", table.Match("status", "fr").Route?.Name);
    }

    [Fact]
    public void Collisions_within_a_language_are_found()
    {
        var table = Table(Route("task", ("fr", "tâche")), Route("my tasks", ("fr", "tâche")), Route("meeting", ("zh-Hans", "会议")),
            Route("meetings", ("zh-Hans", "会议列表")), Route("votes", ("es", "task")));
        var problems = table.WordCollisions();
        Assert.Contains(problems, p => p.Contains("'tâche' names both 'my tasks' and 'task'"));
        Assert.Contains(problems, p => p.Contains("'会议' ('meeting') begins '会议列表' ('meetings')"));
        Assert.Contains(problems, p => p.StartsWith("es:") && p.Contains("'task'"));
        Assert.DoesNotContain(problems, p => p.StartsWith("fr:") && p.Contains("会议"));
    }

    [Fact]
    public void Help_lists_a_command_by_the_readers_words_with_its_English_name_after_them()
    {
        var commands = new[] { Route("task", ("fr", "tâche")) with { DescriptionKey = "Help.Command.Task", Group = "Help.Group.Roadmap" } };
        string Listed(string locale) => VpiBot.Tests.Support.CardReading.Visible(
            VpiBot.Features.Help.Cards.HelpCard.Build(commands, VpiBot.Protocol.Languages.For(locale))["body"]!.AsArray()
                .Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]![0]!["title"]);
        Assert.Equal("tâche (task)", Listed("fr-CA"));
        Assert.Equal("task", Listed("en-US"));
        Assert.Equal("task", Listed("es-ES")); // no Spanish words yet: the English name
    }

    [Fact]
    public void No_two_commands_share_words_in_any_language_of_the_bot()
    {
        // runs against whichever translations (Strings.{language}.resx) are in the build
        Assert.Empty(VpiRouteTable.Build().Table.WordCollisions());
    }

    [Fact]
    public void Every_command_has_words_to_translate() =>
        Assert.All(VpiRouteTable.Build().Table.Commands, c =>
            Assert.NotNull(VpiBot.Resources.Text.Find("Command." + VpiBot.Features.Shared.VpiRoutes.PascalName(c.Name), System.Globalization.CultureInfo.InvariantCulture)));
}
