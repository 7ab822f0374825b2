using System.Globalization;
using System.Text.Json;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>A person Personio lists as updated, with its <c>updated_at</c> (Personio's clock, UTC).</summary>
public sealed record UpdatedPerson(long Id, DateTimeOffset UpdatedAt);

/// <summary>
/// <c>/v2/persons?updated_at.gt=…</c>, every page (cursor links followed as sent, a loop back fails the read). Only ids and
/// <c>updated_at</c> are kept, so memory stays small whatever the company's size. A person without a readable
/// <c>updated_at</c> fails the read: without it a delta read could never move its bound on.
/// </summary>
internal static class V2UpdatedPersons
{
    public static async Task<IReadOnlyList<UpdatedPerson>> ReadAsync(PersonioV2Api v2, PersonioCredentials credentials, DateTimeOffset after, CancellationToken ct)
    {
        var persons = new Dictionary<long, UpdatedPerson>();
        var seenLinks = new HashSet<string>(StringComparer.Ordinal);
        var since = Uri.EscapeDataString(after.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        string? next = $"/v2/persons?limit={PersonioClient.V2PageSize}&updated_at.gt={since}";
        for (var page = 0; next is not null; page++)
        {
            using var document = await v2.GetAsync(credentials, next, page, ct)
                ?? throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.no_person_list", page);
            if (document.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } data)
            {
                throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.person_list_no_data", page);
            }

            foreach (var element in data.EnumerateArray())
            {
                JsonElement? person = element;
                var id = person.Property("id").AsLong() ?? throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.person_without_id", page);
                var updated = person.Property("updated_at").AsMoment()
                    ?? throw new PersonioException(PersonioFailure.AttributesNotReadable, new Reason("personio.no_updated_at", id));
                persons[id] = new UpdatedPerson(id, updated);
            }

            var current = next;
            seenLinks.Add(current);
            next = v2.NextLink(document.RootElement, page);
            if (next is not null && seenLinks.Contains(next))
            {
                if (next == current && data.GetArrayLength() < PersonioClient.V2PageSize)
                {
                    break; // a last page linking to itself: the end (see V2ListPass)
                }

                throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.next_link_loop", page);
            }
        }

        return [.. persons.Values];
    }
}
