using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rollcall.Data.Bulk;

/// <summary>
/// How EF Core maps one entity type to its table, read from the model, so rows written without SaveChanges come out
/// exactly as EF writes them: table and column names, and each column's type mapping (its value converter: lower-case
/// enums, UTC times, JSON columns). Keys the database generates (identity columns) are left to the database.
/// </summary>
internal sealed class BulkTable
{
    private static readonly ConcurrentDictionary<(IModel, Type), BulkTable> Cache = new();

    private BulkTable(IEntityType type, ISqlGenerationHelper sql)
    {
        var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var properties = type.GetProperties().ToList();
        if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new NotSupportedException($"{type.DisplayName()}.{shadow.Name} is a shadow property; bulk writes read values from the entity.");
        }

        Name = sql.DelimitIdentifier(table, type.GetSchema());
        Inserted = [.. properties.Where(p => !GeneratedByDatabase(p)).Select(p => new BulkColumn(p, sql.DelimitIdentifier(p.GetColumnName(store)!)))];
        Keys = [.. properties.Where(p => p.IsPrimaryKey()).Select(p => new BulkColumn(p, sql.DelimitIdentifier(p.GetColumnName(store)!)))];
        Tokens = [.. properties.Where(p => p.IsConcurrencyToken).Select(p => new BulkColumn(p, sql.DelimitIdentifier(p.GetColumnName(store)!)))];
        Updated = [.. Inserted.Where(c => !c.Property.IsPrimaryKey())];
    }

    /// <summary>The table's name, delimited for the provider.</summary>
    public string Name { get; }

    /// <summary>The columns an insert writes: all but database-generated keys.</summary>
    public IReadOnlyList<BulkColumn> Inserted { get; }

    public IReadOnlyList<BulkColumn> Keys { get; }

    /// <summary>Concurrency tokens: an update matches the row only while they hold their original values.</summary>
    public IReadOnlyList<BulkColumn> Tokens { get; }

    /// <summary>The columns an update may write: every column but the key (it writes those that changed).</summary>
    public IReadOnlyList<BulkColumn> Updated { get; }

    public static BulkTable Of<T>(DbContext db) => Of(db, typeof(T));

    public static BulkTable Of(DbContext db, Type clrType) => Cache.GetOrAdd((db.Model, clrType), static (key, db) =>
        new BulkTable(key.Item1.FindEntityType(key.Item2) ?? throw new InvalidOperationException($"{key.Item2.Name} is not in the model."),
            db.GetService<ISqlGenerationHelper>()), db);

    private static bool GeneratedByDatabase(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && (property.ClrType == typeof(long) || property.ClrType == typeof(int));
}

/// <summary>One column: its property, delimited name and EF Core's type mapping (with the property's value converter).</summary>
internal sealed class BulkColumn(IProperty property, string name)
{
    private readonly IClrPropertyGetter _getter = property.GetGetter();

    public IProperty Property { get; } = property;
    public string Name { get; } = name;
    public RelationalTypeMapping Mapping { get; } = property.GetRelationalTypeMapping();

    /// <summary>The entity's value as the model sees it (before conversion).</summary>
    public object? ValueOf(object entity) => _getter.GetClrValueUsingContainingEntity(entity);

    /// <summary>The value as the column stores it: through the property's value converter, as EF Core sends it.</summary>
    public object? ToProvider(object? value) => value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
}
