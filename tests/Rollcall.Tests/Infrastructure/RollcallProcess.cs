using System.Diagnostics;

namespace Rollcall.Tests.Infrastructure;

/// <summary>Runs the real Rollcall executable, as an operator would, in a folder of its own.</summary>
public static class RollcallProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the executable and keeps it running (a server, the demo) until the handle is disposed.</summary>
    public static Running Start(string workingDirectory, params string[] args) => new(Process.Start(StartInfo(workingDirectory, args))!);

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rollcall.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        return start;
    }

    /// <summary>A running Rollcall process: its output lines as they come; disposing stops it.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly System.Text.StringBuilder _error = new();

        internal Running(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_lines)
                    {
                        _lines.Add(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (_error)
                {
                    _error.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        /// <summary>Waits for a line of standard output that starts with <paramref name="prefix"/> (after trimming).</summary>
        public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (Lines.FirstOrDefault(l => l.Trim().StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                {
                    return line.Trim();
                }

                if (_process.HasExited)
                {
                    Assert.Fail($"Rollcall exited ({_process.ExitCode}): {string.Join('\n', Lines)}\n{_error}");
                }

                Assert.True(waited.Elapsed < timeout, $"No line starting with '{prefix}' in time:\n{string.Join('\n', Lines)}\n{_error}");
                await Task.Delay(100);
            }
        }

        /// <summary>Kills the process at once (SIGKILL), as a crashed node: no shutdown, nothing released.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        /// <summary>What the process wrote to standard error so far.</summary>
        public string Error
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        public bool HasExited => _process.HasExited;

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
