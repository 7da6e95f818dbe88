using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Welcome.Cards;

public static class WelcomeCard
{
    public static JsonObject Build(CultureInfo culture) => Card(
        [
            Heading(Text.Get("Welcome.Title", culture)),
            Paragraph(Text.Get("Welcome.Intro", culture)),
            Subheading(Text.Get("Welcome.WhatIDo", culture)),
            Bullets(new[] { "Priorities", "Setup", "Stages" }.Select(p => Text.Get($"Welcome.Point.{p}", culture))),
            Paragraph(Text.Get("Welcome.NextStep", culture)),
        ],
        [CommandButton(Text.Get("Welcome.HelpButton", culture), "help")]);
}
