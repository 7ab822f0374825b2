namespace Rollcall.Data;

/// <summary>
/// A secret of the whole installation, shared by every node: made once by whichever node needs it first, stored sealed
/// by the key ring (so it is as safe at rest as payment data). Today: the key of the payment-data fingerprints.
/// </summary>
public sealed class InstallationSecret
{
    public required string Name { get; set; }
    public required string SealedValue { get; set; }
    public DateTime CreatedAt { get; set; }
}
