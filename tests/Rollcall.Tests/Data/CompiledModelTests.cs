using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Rollcall.Data;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Data;

/// <summary>
/// Rollcall runs on a model compiled ahead, one per provider (ADR-027). Each must be the model the entity configurations
/// build today; after a change of the model, regenerate both (docs/development.md) or this fails.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void CompiledModel_SameAsTheModelTheConfigurationsBuild(string provider)
    {
        using var built = Context(provider, compiled: false);
        using var compiled = Context(provider, compiled: true);
        var fromConfigurations = built.GetService<IDesignTimeModel>().Model;

        var expected = Describe(fromConfigurations);
        var actual = Describe(compiled.Model);

        Assert.True(expected == actual, $"The compiled {provider} model is out of date; regenerate it (docs/development.md). First difference:\n{FirstDifference(expected, actual)}");
    }

    [Fact]
    public async Task Rollcall_OnSqlite_RunsOnTheCompiledSqliteModel()
    {
        await using var app = RollcallApp.Start(TestDatabase.Sqlite());

        Assert.Same(Compiled("Sqlite"), await app.WithDbAsync(db => Task.FromResult(db.Model)));
    }

    [Fact]
    public async Task Rollcall_OnPostgres_RunsOnTheCompiledPostgresModel()
    {
        await using var app = RollcallApp.Start(await TestDatabase.PostgresAsync());

        Assert.Same(Compiled("Postgres"), await app.WithDbAsync(db => Task.FromResult(db.Model)));
    }

    private static IModel Compiled(string provider) => provider == "Postgres"
        ? Rollcall.Migrations.Postgres.CompiledModel.RollcallDbContextModel.Instance
        : Rollcall.Migrations.Sqlite.CompiledModel.RollcallDbContextModel.Instance;

    private static RollcallDbContext Context(string provider, bool compiled)
    {
        var options = new DbContextOptionsBuilder<RollcallDbContext>();
        _ = provider == "Postgres" ? options.UseNpgsql("Host=127.0.0.1;Database=rollcall_model") : options.UseSqlite("Data Source=:memory:");
        if (compiled)
        {
            options.UseModel(Compiled(provider));
        }

        return new RollcallDbContext(options.Options);
    }

    /// <summary>
    /// What the application relies on at run time, line by line: tables, columns, conversions, keys, relationships, indexes
    /// and the tables as the database sees them: column store types and nullability, primary keys, indexes, foreign keys.
    /// </summary>
    private static string Describe(IModel model)
    {
        var text = new StringBuilder();
        foreach (var type in model.GetEntityTypes().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Create(type, StoreObjectType.Table);
            text.AppendLine(Inv($"{type.Name} table {type.GetTableName()} base {type.BaseType?.Name} owned {type.IsOwned()}"));
            foreach (var p in type.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var column = table is { } t ? p.GetColumnName(t) : null;
                text.AppendLine(Inv($"  property {p.Name} {p.ClrType} column {column} null {p.IsNullable} max {p.GetMaxLength()} generated {p.ValueGenerated} concurrency {p.IsConcurrencyToken} converter {p.GetValueConverter()?.ProviderClrType} comparer {p.GetValueComparer().Type} field {p.FieldInfo?.Name}"));
            }

            foreach (var key in type.GetKeys().Select(k => Inv($"  key {Names(k.Properties)} primary {k.IsPrimaryKey()}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(key);
            }

            foreach (var fk in type.GetForeignKeys().Select(f => Inv($"  foreign key {Names(f.Properties)} → {f.PrincipalEntityType.Name} {Names(f.PrincipalKey.Properties)} delete {f.DeleteBehavior} required {f.IsRequired} unique {f.IsUnique} to {f.DependentToPrincipal?.Name} from {f.PrincipalToDependent?.Name}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(fk);
            }

            foreach (var index in type.GetIndexes().Select(i => Inv($"  index {Names(i.Properties)} unique {i.IsUnique}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(index);
            }

            foreach (var navigation in type.GetNavigations().Select(n => Inv($"  navigation {n.Name} → {n.TargetEntityType.Name} collection {n.IsCollection}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(navigation);
            }

            foreach (var filter in type.GetDeclaredQueryFilters())
            {
                text.AppendLine(Inv($"  query filter {filter.Key} {filter.Expression}"));
            }
        }

        foreach (var table in model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.AppendLine(Inv($"table {table.Name} primary key {table.PrimaryKey?.Name}"));
            foreach (var column in table.Columns.Select(c => Inv($"  column {c.Name} {c.StoreType} null {c.IsNullable}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(column);
            }

            foreach (var index in table.Indexes.Select(i => Inv($"  index {i.Name} {string.Join(",", i.Columns.Select(c => c.Name))} unique {i.IsUnique}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(index);
            }

            foreach (var fk in table.ForeignKeyConstraints.Select(f => Inv($"  foreign key {f.Name} → {f.PrincipalTable.Name} on delete {f.OnDeleteAction}")).Order(StringComparer.Ordinal))
            {
                text.AppendLine(fk);
            }
        }

        return text.ToString();
    }

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(",", properties.Select(p => p.Name));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string FirstDifference(string expected, string actual)
    {
        var (a, b) = (expected.Split('\n'), actual.Split('\n'));
        var index = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"configurations: {a.ElementAtOrDefault(index)}\ncompiled:       {b.ElementAtOrDefault(index)}";
    }
}
