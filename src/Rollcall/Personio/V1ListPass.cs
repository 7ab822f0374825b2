using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rollcall.Personio;

/// <summary>
/// One walk through v1's offset-paged employee list, judged page by page. Offsets are positions in a list that HR
/// may change while it is read: a record removed before the read position makes the next one slide onto a page
/// already read (never seen), one added makes a record come twice. Neither shows in a single page, so the walk
/// compares every page with the first: the same <c>total_elements</c>, full pages until the last, no empty page
/// before the end, no id twice, and as many employees as the total. A walk that breaks any of these is not
/// trusted as complete (see <see cref="ReadPass.Clean"/>).
/// </summary>
internal static class V1ListPass
{
    /// <summary>A list that keeps growing page after page is not a list: at most this many pages beyond the first total.</summary>
    private const int SparePages = 10;

    public static async Task ReadAsync(PersonioV1Api v1, PersonioCredentials credentials, IReadOnlyCollection<string> customKeys,
        IReadOnlyCollection<string> requested, ReadPass pass, CancellationToken ct)
    {
        var projection = Projection(requested);
        long? firstTotal = null;
        var offset = 0;
        var maxPages = int.MaxValue;
        for (var page = 0; ; page++)
        {
            if (page >= maxPages)
            {
                throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.past_total", page, firstTotal ?? 0);
            }

            var uri = string.Create(CultureInfo.InvariantCulture, $"/v1/company/employees?limit={PersonioClient.V1PageSize}&offset={offset}{projection}");
            using var document = await v1.GetAsync(credentials, uri, page, ct)
                ?? throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.no_employee_list", page);
            var root = document.RootElement;
            if (root.Property("data") is not { ValueKind: JsonValueKind.Array } data)
            {
                throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.employee_list_no_data", page);
            }

            var metadata = root.Property("metadata");
            var total = metadata.Property("total_elements").AsLong();
            var totalPages = metadata.Property("total_pages").AsInt();
            var limit = Math.Clamp(root.Property("limit").AsInt() ?? PersonioClient.V1PageSize, 1, PersonioClient.V1PageSize);
            if (page == 0)
            {
                firstTotal = total;
                pass.ReportedTotal = total;
                pass.PagesAnnounced = totalPages ?? (total is { } all ? (int)Math.Min(int.MaxValue, (all + limit - 1) / limit) : null);
                maxPages = total is { } t ? (int)Math.Min(int.MaxValue, (t + limit - 1) / limit + SparePages) : int.MaxValue;
            }
            else if (total != firstTotal)
            {
                pass.Note(ReadDisturbance.TotalChanged);
            }

            if (total is { } elements && totalPages is { } pages && pages != (elements + limit - 1) / limit)
            {
                pass.Note(ReadDisturbance.MetadataInconsistent);
            }

            var count = 0;
            foreach (var element in data.EnumerateArray())
            {
                count++;
                pass.Add(V1EmployeeReader.Read(element, customKeys)
                    ?? throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.employee_without_id", page));
            }

            await pass.PageReadAsync(count, ct);
            var lastPage = totalPages is { } reported ? page >= reported - 1 : count < limit;
            if (count == 0)
            {
                if (total is null)
                {
                    // Without a total, an empty page cannot tell "nobody (more)" from a page that went missing.
                    throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.empty_page_without_total", page);
                }

                if (page > 0 || total != 0)
                {
                    pass.Note(ReadDisturbance.EmptyPageBeforeEnd); // a page is asked for only while the list said there was more
                }

                break;
            }

            if (count < limit && !lastPage)
            {
                pass.Note(ReadDisturbance.ShortPage);
            }

            if (lastPage)
            {
                break;
            }

            offset += limit;
        }

        if (firstTotal is { } expected && pass.Count != expected)
        {
            pass.Note(ReadDisturbance.CountMismatch);
        }
    }

    /// <summary>Asks only for what Rollcall uses: less personal data on the wire, smaller pages.</summary>
    private static string Projection(IReadOnlyCollection<string> keys)
    {
        var query = new StringBuilder();
        foreach (var key in V1EmployeeReader.StandardAttributes.Concat(keys).Distinct())
        {
            query.Append("&attributes[]=").Append(Uri.EscapeDataString(key));
        }

        return query.ToString();
    }
}
