using System.Diagnostics;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// One Rollcall node as an operator runs it: the built <c>Rollcall.dll</c> in a process of its own, with its own
/// folder (working directory and mail folder) and port. Its output is kept only as a tail, for errors.
/// </summary>
internal sealed class FleetNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<DateTimeOffset> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FleetNode(string name, Process process)
    {
        Name = name;
        _process = process;
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>Rollcall.dll</c> from the benchmark's own output (a Release build of the same sources).</summary>
    public static FleetNode Start(string name, string folder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rollcall.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new FleetNode(name, Process.Start(start)!);
    }

    /// <summary>
    /// Whether the host reported "Application started" before <paramref name="deadline"/>: every hosted service has
    /// started by then, so the nightly triggers are scheduled. Throws if the process exited.
    /// </summary>
    public async Task<bool> WaitStartedAsync(DateTimeOffset deadline)
    {
        var exited = _process.WaitForExitAsync();
        var wait = deadline - TimeProvider.System.GetUtcNow();
        var first = await Task.WhenAny(_started.Task, exited, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
        if (first == exited && !_started.Task.IsCompleted)
        {
            throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}):\n{Tail()}");
        }

        return _started.Task.IsCompleted && await _started.Task < deadline;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far (user and kernel).</summary>
    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult(TimeProvider.System.GetUtcNow());
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 200)
            {
                _tail.Dequeue();
            }
        }
    }

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
