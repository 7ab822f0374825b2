using System.Text.Json;

namespace Rollcall.Personio;

/// <summary>
/// One walk through v2's cursor-paged persons, each with its latest employment (one request per person). v2 sends
/// no totals, so a walk is judged by what it can see: no person twice, and no cursor leading back to a page
/// already read (a loop from a full page could hide the rest of the list).
/// </summary>
internal static class V2ListPass
{
    public static async Task ReadAsync(PersonioV2Api v2, PersonioClient client, PersonioCredentials credentials,
        IReadOnlyCollection<string> customKeys, ReadPass pass, CancellationToken ct)
    {
        var seenLinks = new HashSet<string>(StringComparer.Ordinal);
        string? next = $"/v2/persons?limit={PersonioClient.V2PageSize}";
        for (var page = 0; next is not null; page++)
        {
            using var document = await v2.GetAsync(credentials, next, page, ct)
                ?? throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.no_person_list", page);
            if (document.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } persons)
            {
                throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.person_list_no_data", page);
            }

            foreach (var employee in await ReadPageAsync(client, credentials, persons, customKeys, page, ct))
            {
                pass.Add(employee);
            }

            await pass.PageReadAsync(persons.GetArrayLength(), ct);
            var current = next;
            seenLinks.Add(current);
            next = v2.NextLink(document.RootElement, page);
            if (next is not null && seenLinks.Contains(next))
            {
                // Personio has been seen linking a last page to itself: that is the end. A loop back from a full
                // page could hide the rest of the list, so that read counts as incomplete.
                if (next == current && persons.GetArrayLength() < PersonioClient.V2PageSize)
                {
                    return;
                }

                throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.next_link_loop", page);
            }
        }
    }

    /// <summary>Each person needs its latest employment (one request each); a few run at once, order is kept.</summary>
    private static async Task<PersonioEmployee[]> ReadPageAsync(PersonioClient client, PersonioCredentials credentials, JsonElement persons,
        IReadOnlyCollection<string> customKeys, int page, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(4);
        return await Task.WhenAll(persons.EnumerateArray().Select(async person =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return await client.WithEmploymentAsync(credentials, person, customKeys, ct)
                    ?? throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.person_without_id", page);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
