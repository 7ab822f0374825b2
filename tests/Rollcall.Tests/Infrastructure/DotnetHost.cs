namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// The <c>dotnet</c> executable that runs this process, for starting Rollcall or the sandbox as processes of their own:
/// <c>DOTNET_HOST_PATH</c> when the SDK sets it, else the host beside the running runtime, else <c>dotnet</c> on the PATH
/// (a machine may have the SDK somewhere the PATH does not name).
/// </summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } named && File.Exists(named))
        {
            return named;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/, the host in <root>.
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtime, "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return File.Exists(beside) ? beside : "dotnet";
    }
}
