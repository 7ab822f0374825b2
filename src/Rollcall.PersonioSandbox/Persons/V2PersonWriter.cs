using System.Globalization;
using System.Text.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>
/// Writes a v2 Person. Fields follow the credential's whitelist (by their v1 attribute keys); <c>id</c>,
/// <c>employments</c> and <c>_meta</c> always appear, which is all a credential without readable attributes sees.
/// </summary>
internal sealed class V2PersonWriter(Company company, Credential credential, DateOnly today, string baseUrl, bool customLabels)
{
    public void Write(Utf8JsonWriter w, Person p)
    {
        w.WriteStartObject();
        w.WriteString("id", CompanyIds.Text(p.Id));
        Field(w, "email", "email", p.Email);
        Field(w, "first_name", "first_name", p.FirstName);
        Field(w, "last_name", "last_name", p.LastName);
        Field(w, "preferred_name", "preferred_name", p.PreferredName);
        Field(w, "gender", "gender", p.Gender.ToString().ToUpperInvariant());
        Field(w, "status", "status", V2Status.OfPerson(p, today));
        Field(w, "created_at", "created_at", Dates.V2Timestamp(p.CreatedAt));
        Field(w, "updated_at", "last_modified_at", Dates.V2Timestamp(p.UpdatedAt));
        CustomAttributes(w, p);
        w.WriteStartArray("employments");
        foreach (var e in p.Employments)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("_meta");
        w.WriteStartObject("links");
        V2Links.Write(w, "employments", $"{baseUrl}/v2/persons/{CompanyIds.Text(p.Id)}/employments");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void Field(Utf8JsonWriter w, string name, string attributeKey, string? value)
    {
        if (credential.CanRead(attributeKey))
        {
            w.WriteString(name, value);
        }
    }

    private void CustomAttributes(Utf8JsonWriter w, Person p)
    {
        var any = false;
        for (var i = 0; i < company.CustomAttributes.Count; i++)
        {
            var definition = company.CustomAttributes[i];
            if (!credential.CanRead(definition.Key))
            {
                continue;
            }

            if (!any)
            {
                w.WriteStartArray("custom_attributes");
                any = true;
            }

            w.WriteStartObject();
            w.WriteString("id", definition.Key);
            w.WriteString("global_id", definition.GlobalId);
            if (customLabels)
            {
                w.WriteString("label", definition.Label);
            }

            var type = V2Status.CustomType(definition.Type);
            w.WriteString("type", type);
            TypedValue(w, type, p.CustomValues[i]);
            w.WriteEndObject();
        }

        if (any)
        {
            w.WriteEndArray();
        }
    }

    /// <summary>Values are typed by <c>type</c> in practice, whatever the schema says.</summary>
    private static void TypedValue(Utf8JsonWriter w, string type, string? value)
    {
        if (value is null)
        {
            w.WriteNull("value");
            return;
        }

        switch (type)
        {
            case "int" or "double" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                w.WriteNumber("value", number);
                break;
            case "string_list":
                w.WriteStartArray("value");
                foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    w.WriteStringValue(item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteString("value", value);
                break;
        }
    }
}
