using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NodaTime;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host or a database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        PersistenceSetup.Configure(options, "Host=localhost;Database=medaesthetics_design");
        return new AppDbContext(options.Options).Lease(SystemClock.Instance, null, null);
    }
}
