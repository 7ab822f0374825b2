using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Rollcall.Data;

namespace Rollcall.Migrations.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the running host configures the context itself.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RollcallDbContext>
{
    public RollcallDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<RollcallDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
