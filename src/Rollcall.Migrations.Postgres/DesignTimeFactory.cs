using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Rollcall.Data;

namespace Rollcall.Migrations.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the running host configures the context itself.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RollcallDbContext>
{
    public RollcallDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<RollcallDbContext>()
            .UseNpgsql("Host=localhost;Database=rollcall_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
