namespace VpiBot.AppPackage;

/// <summary>
/// Command-line verb <c>build-app-package</c>, run before the web host starts:
/// <code>dotnet run --project VpiBot -- build-app-package --app-id GUID [--domain HOST] [--sso-app-id GUID] [--teams-app-id GUID] [--version 1.0.0] [--out appPackage/build/VpiBot.zip]</code>
/// </summary>
public static class AppPackageCommand
{
    public const string Verb = "build-app-package";
    public const string TemplateFileName = "manifest.template.json";
    private const string DefaultZipName = "VpiBot.zip";

    private const string Usage =
        "Usage: dotnet run --project VpiBot -- build-app-package --app-id <GUID> [--domain <host>] [--sso-app-id <GUID>] [--teams-app-id <GUID>] [--version <1.0.0>] [--out <path.zip>]\n" +
        "  --app-id       the bot's Microsoft App ID (a GUID); used for the app id and the bot id\n" +
        "  --domain       the host the app is served from (vpibot.azurewebsites.net, or https://vpibot.azurewebsites.net): adds the dashboard's tabs,\n" +
        "                 validDomains and single sign-on (webApplicationInfo); without it, the bot alone\n" +
        "  --sso-app-id   the Entra app the tab's single sign-on token is for, when it is not --app-id\n" +
        "  --teams-app-id the Teams app's id when it is not the bot's (the Agents Toolkit's TEAMS_APP_ID)\n" +
        "  --version      the app version (default 1.0.0)\n" +
        "  --out          where to write the zip (default appPackage/build/VpiBot.zip)";

    /// <summary>
    /// Returns false (and exit code 0) when <paramref name="args"/> is not the build-app-package
    /// verb, so the caller goes on to start the web app. Otherwise builds the package and returns
    /// true with 0 on success, 1 on failure, 2 on a usage error.
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Verb)
        {
            return false;
        }

        exitCode = Run(args[1..], Console.Out, Console.Error);
        return true;
    }

    internal static int Run(string[] options, TextWriter output, TextWriter error)
    {
        string? appId = null;
        string? version = null;
        string? outPath = null;
        string? teamsAppId = null;
        string? domain = null;
        string? ssoAppId = null;
        for (int i = 0; i < options.Length; i++)
        {
            string name = options[i];
            if (name is "-h" or "--help")
            {
                output.WriteLine(Usage);
                return 0;
            }

            string? problem = name is not ("--app-id" or "--teams-app-id" or "--version" or "--out" or "--domain" or "--sso-app-id") ? $"Unknown option '{name}'."
                : i + 1 >= options.Length ? $"Missing value for {name}."
                : null;
            if (problem is not null)
            {
                error.WriteLine(problem);
                error.WriteLine(Usage);
                return 2;
            }

            string value = options[++i];
            switch (name)
            {
                case "--app-id": appId = value; break;
                case "--teams-app-id": teamsAppId = value; break;
                case "--version": version = value; break;
                case "--domain": domain = value; break;
                case "--sso-app-id": ssoAppId = value; break;
                default: outPath = value; break;
            }
        }

        if (appId is null)
        {
            error.WriteLine("Missing --app-id.");
            error.WriteLine(Usage);
            return 2;
        }

        string? appPackageDirectory = FindAppPackageDirectory(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (appPackageDirectory is null)
        {
            error.WriteLine($"Could not find appPackage/{TemplateFileName} above '{Directory.GetCurrentDirectory()}' " +
                "or the program's folder. Run this from the repository.");
            return 1;
        }

        string zipPath = Path.GetFullPath(outPath ?? Path.Combine(appPackageDirectory, "build", DefaultZipName));
        try
        {
            AppPackageBuilder.WritePackage(appPackageDirectory, appId, zipPath, version, teamsAppId, domain, ssoAppId);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Could not build the app package: {e.Message}");
            return 1;
        }

        output.WriteLine($"Wrote Teams app package {zipPath}");
        return 0;
    }

    /// <summary>
    /// Walks up from each start directory in turn (e.g. the current directory, then the folder of
    /// the running program) and returns the first <c>appPackage</c> folder holding the template.
    /// </summary>
    internal static string? FindAppPackageDirectory(params string[] startDirectories)
    {
        foreach (string start in startDirectories)
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "appPackage");
                if (File.Exists(Path.Combine(candidate, TemplateFileName)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
