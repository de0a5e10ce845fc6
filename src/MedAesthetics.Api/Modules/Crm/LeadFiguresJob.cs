using Hangfire;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Every minute: moves the lead changes the trigger on <c>leads</c> appended to <c>lead_figure_changes</c> into the
/// hourly and daily figures reports read (<c>compact_lead_figures()</c>, one statement). Reports add the changes not yet
/// moved, so the job only keeps them short; running it on two nodes at once moves each change once.
/// </summary>
public sealed class LeadFiguresJob(AppDbContext db) : IRecurringJob
{
    public static string Id => "compact-lead-figures";
    public static string Schedule => Cron.Minutely();

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var moved = await db.Database.SqlQueryRaw<long>("""SELECT compact_lead_figures() AS "Value" """).ToListAsync(cancellationToken);
        return (int)Math.Min(moved[0], int.MaxValue);
    }
}
