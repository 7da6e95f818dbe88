namespace VpiBot.Tests.Support;

/// <summary>The copy of shared/ the tests fall back to is the same, file for file, as shared/ itself.</summary>
public sealed class SharedCopyTests
{
    [Fact]
    public void The_copy_in_the_repository_matches_shared()
    {
        if (SharedFolder.Original is not { } original)
        {
            Assert.Equal(SharedFolder.Copy, SharedFolder.Path); // standing alone: the copy is what the tests read
            return;
        }
        foreach (var file in Directory.GetFiles(SharedFolder.Copy, "*", SearchOption.AllDirectories).Where(f => f != Path.Combine(SharedFolder.Copy, "README.md")))
        {
            var relative = Path.GetRelativePath(SharedFolder.Copy, file);
            var twin = Path.Combine(original, relative);
            Assert.True(File.Exists(twin), $"{relative} is in SharedCopy but not in shared/");
            Assert.True(File.ReadAllBytes(twin).AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{relative} differs from shared/: refresh SharedCopy");
        }
    }
}
