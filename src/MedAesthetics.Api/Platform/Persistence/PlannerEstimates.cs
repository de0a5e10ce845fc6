using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Platform.Persistence;

public static class PlannerEstimates
{
    /// <summary>
    /// PostgreSQL's estimate of the rows <paramref name="query"/> returns: its SQL under <c>EXPLAIN (FORMAT JSON)</c>, so
    /// the query is planned but not run and no row is read. The connection is opened for it only when EF has it closed.
    /// </summary>
    public static async Task<double> EstimatedCountAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken)
    {
        await using var command = query.CreateDbCommand();
        return await command.EstimatedCountAsync(cancellationToken);
    }

    /// <summary>The estimate for a query's command (as EF made it, connection closed or open); its text is changed.</summary>
    public static async Task<double> EstimatedCountAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
        var connection = command.Connection!;
        var opened = connection.State != ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(cancellationToken);
        try
        {
            var plan = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            using var json = JsonDocument.Parse(plan);
            return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }
}
