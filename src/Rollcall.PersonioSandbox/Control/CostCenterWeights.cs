using System.Collections.Immutable;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Checks and converts the <c>cost_centers</c> of a hire or change request.</summary>
internal static class CostCenterWeights
{
    public static string? Validate(CompanyReferenceData reference, IReadOnlyList<CostCenterWeight>? weights)
    {
        if (weights is null)
        {
            return null;
        }

        if (weights.Any(w => reference.CostCenter(w.Id) is null))
        {
            return "A cost center id is unknown.";
        }

        if (weights.Any(w => w.Weight is <= 0 or > 100))
        {
            return "A cost center weight must be more than 0 and at most 100.";
        }

        return weights.Select(w => w.Id).Distinct().Count() == weights.Count ? null : "A cost center appears twice.";
    }

    public static ImmutableArray<CostCenterShare> Shares(IReadOnlyList<CostCenterWeight> weights) =>
        [.. weights.Select(w => new CostCenterShare(w.Id, w.Weight))];
}
