using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rollcall.Data;

/// <summary>
/// All times are stored as UTC <see cref="DateTime"/> (SQLite cannot compare DateTimeOffset on the server);
/// reading restores <see cref="DateTimeKind.Utc"/>, which SQLite loses.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>Enums are stored by lower-case name: readable in SQL and stable if members are reordered.</summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => v.ToString().ToLowerInvariant(),
    v => Enum.Parse<TEnum>(v, true))
    where TEnum : struct, Enum;

/// <summary>A reason is stored as JSON text (<c>{"key":…,"args":[…]}</c>), portable across SQLite and PostgreSQL.</summary>
internal static class ReasonJson
{
    // EF Core never passes null to a converter: a null reason is a null column.
    public static readonly ValueConverter<Reason?, string> Converter = new(reason => reason!.ToJson(), json => Reason.FromJson(json));
}
