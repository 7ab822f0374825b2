using System.Globalization;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Employees;

/// <summary>The parsed query of <c>GET /v1/company/employees</c>; <see cref="Error"/> is set when it is invalid.</summary>
internal sealed record V1EmployeeQuery(int Limit, int Offset, string? Email, HashSet<string>? Attributes, DateTimeOffset? UpdatedSince, string? Error = null)
{
    private static readonly string[] SinceFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    public static V1EmployeeQuery Parse(IQueryCollection query, EmployeesOptions options)
    {
        var limit = options.DefaultLimit;
        if (query.ContainsKey("limit") && !(int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit > 0))
        {
            return Invalid("The limit parameter must be a positive integer.");
        }

        if (limit > options.MaxLimit)
        {
            if (options.OversizedLimit == OversizedLimit.Reject)
            {
                return Invalid($"The limit parameter must not exceed {options.MaxLimit}.");
            }

            limit = options.MaxLimit;
        }

        var offset = 0;
        if (query.ContainsKey("offset") && !int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return Invalid("The offset parameter must be a non-negative integer.");
        }

        DateTimeOffset? since = null;
        if (query.TryGetValue("updated_since", out var raw) && !string.IsNullOrEmpty(raw))
        {
            if (!DateTime.TryParseExact(raw.ToString(), SinceFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return Invalid("The updated_since parameter must look like 2022-12-24T08:15:30 or 2022-12-24.");
            }

            var zone = TimeZoneInfo.FindSystemTimeZoneById(options.UpdatedSinceTimeZone);
            since = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var attributes = query["attributes[]"].Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToHashSet(StringComparer.Ordinal);
        var email = query["email"].ToString();
        return new V1EmployeeQuery(limit, offset, email.Length == 0 ? null : email, attributes.Count == 0 ? null : attributes, since);
    }

    /// <summary>Whether <paramref name="person"/> is selected; paging is applied afterwards.</summary>
    public bool Matches(Person person)
    {
        if (UpdatedSince is { } since)
        {
            // With attributes[], updated_since also selects: one of the listed attributes must have changed.
            return Attributes is null ? person.LastModifiedAt > since : Attributes.Any(a => person.ChangedAt(a) > since);
        }

        return Email is null || string.Equals(person.Email, Email, StringComparison.OrdinalIgnoreCase);
    }

    public bool HasFilter => UpdatedSince is not null || Email is not null;

    private static V1EmployeeQuery Invalid(string error) => new(0, 0, null, null, null, error);
}
