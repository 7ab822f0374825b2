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
