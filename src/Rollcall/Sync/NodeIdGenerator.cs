using Quartz.Extensibility;

namespace Rollcall.Sync;

/// <summary>
/// Names a node in Quartz's cluster by its machine name and a random part, without Quartz's default DNS lookup of the
/// host name: a host whose name no resolver knows (a container, a locked-down network) would otherwise wait on DNS at
/// every start. Quartz's column holds at most 50 characters.
/// </summary>
internal sealed class NodeIdGenerator : IInstanceIdGenerator
{
    public ValueTask<string> GenerateInstanceId(CancellationToken cancellationToken = default)
    {
        var machine = Environment.MachineName;
        return ValueTask.FromResult($"{machine[..Math.Min(machine.Length, 16)]}-{Guid.NewGuid():N}");
    }
}
