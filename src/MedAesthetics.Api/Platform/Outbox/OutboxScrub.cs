using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Platform.Outbox;

/// <summary>An erasure also reaches the outbox: event payloads (delivered or not) that carry the person's values get them replaced by "[erased]".</summary>
public static class OutboxScrub
{
    public static Task<int> ScrubPersonalDataAsync(this AppDbContext db, string? pattern, CancellationToken cancellationToken) =>
        pattern is null
            ? Task.FromResult(0)
            : db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE outbox_messages SET payload = regexp_replace(payload::text, {pattern}, '[erased]', 'gi')::jsonb WHERE payload::text ~* {pattern}",
                cancellationToken);
}
