using System.Collections.Immutable;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Control;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>
/// delete_between_pages and insert_between_pages: the list changes under a client between two page reads.
/// Both act after the page's body is written but before the response completes, so a client cannot ask
/// for the next page before the change is in place.
/// </summary>
internal sealed class BetweenPages(SandboxState state, FaultInjector faults, FaultLog log, EmployeeMutations mutations)
{
    /// <summary>
    /// insert_between_pages, when armed: hides the person at <paramref name="position"/> of the full, unfiltered
    /// list of every company (or of <paramref name="company"/> only). People stay in id order; only visibility changes.
    /// </summary>
    public ImmutableArray<WithheldPerson> Withhold(Company? company, int position)
    {
        var withheld = ImmutableArray.CreateBuilder<WithheldPerson>();
        foreach (var c in company is null ? state.Companies : [company])
        {
            var people = c.People;
            if (position < people.Length)
            {
                c.Withhold(people[position].Id);
                withheld.Add(new WithheldPerson(c, people[position].Id));
            }
        }

        return withheld.ToImmutable();
    }

    /// <summary>Answers the request, then fires the fault if the page was answered 200 to a caller it concerns.</summary>
    public async Task RunAsync(HttpContext http, RequestDelegate next, Fault fault)
    {
        FaultSignals.Pass(http, fault);
        await next(http);
        if (http.Response.StatusCode != StatusCodes.Status200OK || Caller.Find(http) is not { } caller)
        {
            return;
        }

        int? employeeId;
        if (fault.Kind == FaultKind.DeleteBetweenPages)
        {
            if (!faults.TryConsume(fault))
            {
                return;
            }

            employeeId = FaultSignals.DeleteTarget(http) is { } target ? mutations.Delete(caller.Company, target.Id)?.Id : null;
        }
        else
        {
            // Another company's walk must not reveal this company's person; a fault that withheld nobody fires for anyone.
            var own = fault.Withheld.FirstOrDefault(w => w.Company == caller.Company);
            if ((own is null && !fault.Withheld.IsEmpty) || !faults.TryConsume(fault))
            {
                return;
            }

            foreach (var withheld in fault.Withheld)
            {
                withheld.Company.Reveal(withheld.EmployeeId);
            }

            employeeId = own?.EmployeeId;
        }

        log.Record(fault, http.Request, faults.PageOf(http.Request), employeeId);
    }
}
