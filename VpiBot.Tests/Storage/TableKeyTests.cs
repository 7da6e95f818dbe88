using VpiBot.Storage.Tables;

namespace VpiBot.Tests.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("plain-key_1:2@x.y", "plain-key_1:2@x.y")]
    [InlineData("a/b", "a!2Fb")]
    [InlineData("\\#?", "!5C!23!3F")]
    [InlineData("!", "!21")]
    [InlineData("\u0000\u001F\u007F\u009F", "!00!1F!7F!9F")]
    [InlineData("100% ü 🙂", "100% ü 🙂")]
    [InlineData("", "")]
    public void Encodes_forbidden_characters_and_the_escape_only(string key, string encoded)
    {
        Assert.Equal(encoded, TableKey.Encode(key));
        Assert.Equal(key, TableKey.Decode(encoded));
    }

    [Fact]
    public void No_encoded_key_holds_a_character_Azure_forbids()
    {
        var everyLowChar = new string(Enumerable.Range(0, 0x100).Select(c => (char)c).ToArray());

        var encoded = TableKey.Encode(everyLowChar);

        Assert.DoesNotMatch("[\u0000-\u001F\u007F-\u009F/\\\\#?]", encoded);
        Assert.Equal(everyLowChar, TableKey.Decode(encoded));
    }

    [Fact]
    public void The_encoding_of_a_prefix_is_a_prefix_of_the_encoding()
    {
        const string key = "vote/2025#3?x\\y!z\u0001";
        for (var length = 0; length <= key.Length; length++)
        {
            Assert.StartsWith(TableKey.EncodePrefix(key[..length]), TableKey.Encode(key), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ordinary_keys_keep_their_order()
    {
        string[] keys = ["A", "Z", "a", "a-1", "a:1", "a_1", "b", "vote|u1", "vote|u2", "z~"];

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys.Select(key => TableKey.Encode(key)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Escaped_characters_keep_their_order_among_themselves()
    {
        string[] keys = ["a\u0001", "a!", "a#", "a/", "a?", "a\\", "a\u009F"];

        Assert.Equal(keys.Select(key => TableKey.Encode(key)), keys.Select(key => TableKey.Encode(key)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_key_over_512_encoded_characters_is_refused_clearly()
    {
        Assert.Equal(512, TableKey.Encode(new string('/', 170) + "ab").Length);

        var refused = Assert.Throws<ArgumentException>(() => TableKey.Encode(new string('/', 171), "rowKey"));

        Assert.Equal("rowKey", refused.ParamName);
        Assert.Contains("513 characters", refused.Message);
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TableKey.Encode("a\uD800b"));
    }

    [Theory]
    [InlineData("ab", "ac")]
    [InlineData("a!2F", "a!2G")]
    [InlineData("x\uD7FF", "x\uE000")]
    [InlineData("x\uFFFF", "y")]
    [InlineData("x\U0010FFFF", "y")]
    [InlineData("x😀", "x😁")]
    [InlineData("\uFFFF", null)]
    [InlineData("", null)]
    public void The_prefix_upper_bound_is_past_every_key_with_the_prefix(string prefix, string? bound)
    {
        Assert.Equal(bound, TableKey.PrefixUpperBound(prefix));
    }
}
