using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>
/// Prepares the commands whose SQL begins with <see cref="Marker"/> before EF runs them. Npgsql keeps a prepared
/// statement on its pooled physical connection, so the statement is parsed once per connection, and PostgreSQL may then
/// reuse a generic plan instead of planning every execution. Only for statements whose generic plan has been measured to
/// be as good as the custom one (a search by a pattern is not: its best plan depends on how common the pattern is).
/// </summary>
public sealed class PreparedStatements : DbCommandInterceptor
{
    /// <summary>A SQL comment line that asks for the statement to be prepared.</summary>
    public const string Marker = "-- prepared\n";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsMarked(command))
            command.Prepare();
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsMarked(command))
            await command.PrepareAsync(cancellationToken);
        return result;
    }

    /// <summary>True when the command's SQL asks to be prepared (commands run outside EF prepare themselves when it is).</summary>
    public static bool IsMarked(DbCommand command) => command.CommandText.StartsWith(Marker, StringComparison.Ordinal);
}
