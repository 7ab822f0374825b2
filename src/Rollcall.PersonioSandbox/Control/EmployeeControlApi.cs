using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Life-cycle changes to employees: hire, change, leave, return, terminate, rehire, e-mail, custom attributes, delete.</summary>
internal static class EmployeeControlApi
{
    public static RouteGroupBuilder MapEmployeeControl(this RouteGroupBuilder control)
    {
        var group = control.MapGroup("/companies/{companyId}/employees");
        group.MapPost("/", EmployeeHiring.Hire).WithName("SandboxHire");
        group.MapPatch("/{id:int}", Change).WithName("SandboxChange");
        group.MapPost("/{id:int}/leave", (string companyId, int id, SandboxState s, EmployeeMutations m) =>
            Apply(s, m, companyId, id, p => p with { Employments = [p.Current with { StoredStatus = StoredStatus.Leave }, .. p.Employments[1..]] }, "status"))
            .WithName("SandboxLeave");
        group.MapPost("/{id:int}/return", (string companyId, int id, SandboxState s, EmployeeMutations m) =>
            Apply(s, m, companyId, id, p => p with { Employments = [p.Current with { StoredStatus = StoredStatus.Active }, .. p.Employments[1..]] }, "status"))
            .WithName("SandboxReturnFromLeave");
        group.MapPost("/{id:int}/terminate", Terminate).WithName("SandboxTerminate");
        group.MapPost("/{id:int}/rehire", EmployeeHiring.Rehire).WithName("SandboxRehire");
        group.MapPut("/{id:int}/email", (string companyId, int id, ChangeEmailRequest body, SandboxState s, EmployeeMutations m) =>
            string.IsNullOrWhiteSpace(body.Email) || !body.Email.Contains('@', StringComparison.Ordinal)
                ? Results.Problem("A valid e-mail address is required.", statusCode: 400)
                : Apply(s, m, companyId, id, p => p with { Email = body.Email.Trim() }, "email"))
            .WithName("SandboxChangeEmail");
        group.MapPut("/{id:int}/attributes/{key}", ChangeAttribute).WithName("SandboxChangeAttribute");
        group.MapDelete("/{id:int}", Delete).WithName("SandboxDelete");
        return control;
    }

    internal static IResult Apply(SandboxState state, EmployeeMutations mutations, string companyId, int id, Func<Person, Person> change, params string[] keys)
    {
        if (state.Company(companyId) is not { } company)
        {
            return Results.Problem("Unknown company.", statusCode: 404);
        }

        return mutations.Change(company, id, change, keys) is { } person
            ? Results.Ok(View(person, mutations.Today))
            : Results.Problem("Unknown employee.", statusCode: 404);
    }

    internal static EmployeeView View(Person p, DateOnly today) =>
        new(p.Id, p.FirstName, p.LastName, p.Email, p.Current.StatusOn(today).ToString().ToLowerInvariant(), p.Current.Id.ToString(), p.LastModifiedAt);

    private static IResult Change(string companyId, int id, ChangeRequest body, SandboxState state, EmployeeMutations mutations)
    {
        if (state.Company(companyId) is not { } company)
        {
            return Results.Problem("Unknown company.", statusCode: 404);
        }

        if (EmployeeChange.Validate(company, id, body) is { } problem)
        {
            return Results.Problem(problem, statusCode: 400);
        }

        return Apply(state, mutations, companyId, id, p => EmployeeChange.Apply(p, body), EmployeeChange.Keys(body));
    }

    private static IResult Terminate(string companyId, int id, TerminateRequest body, SandboxState state, EmployeeMutations mutations)
    {
        var date = body.TerminationDate ?? mutations.Today;
        var termination = new Termination(date, body.LastWorkingDay ?? date, mutations.Today, body.Type ?? "EMPLOYEE", body.Reason);
        return Apply(state, mutations, companyId, id,
            p => p with { Employments = [p.Current with { Termination = termination }, .. p.Employments[1..]] },
            "termination_date", "last_working_day", "termination_type", "termination_reason", "status");
    }

    private static IResult ChangeAttribute(string companyId, int id, string key, ChangeAttributeRequest body, SandboxState state, EmployeeMutations mutations)
    {
        var index = state.Company(companyId)?.Reference.CustomAttributeIndex(key) ?? -1;
        if (index < 0)
        {
            return Results.Problem("Unknown company or custom attribute.", statusCode: 404);
        }

        var definition = state.Company(companyId)!.CustomAttributes[index];
        if (body.Value is not null && definition.Type == "list" && !definition.Options.Contains(body.Value))
        {
            return Results.Problem($"'{key}' only accepts: {string.Join(", ", definition.Options)}.", statusCode: 400);
        }

        return Apply(state, mutations, companyId, id, p =>
        {
            var values = (string?[])p.CustomValues.Clone();
            values[index] = body.Value;
            return p with { CustomValues = values };
        }, key);
    }

    private static IResult Delete(string companyId, int id, SandboxState state, EmployeeMutations mutations) =>
        state.Company(companyId) is { } company && mutations.Delete(company, id) is not null
            ? Results.NoContent()
            : Results.Problem("Unknown company or employee.", statusCode: 404);
}
