using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// The webhooks' share of GDPR: delivery bodies keep what was sent, and a lead's name and contacts or a client's id may be
/// in them. Export lists the deliveries whose body names the person (user id, email, phone); erasure replaces the
/// person's values (email, phone, names) in every body by "[erased]", so a delivery still pending sends the scrubbed body.
/// </summary>
public sealed class WebhookPersonalData(AppDbContext db) : IPersonalDataSource
{
    public string Section => "webhookDeliveries";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var pattern = PersonalDataPattern.For([subject.UserId.ToString(), subject.Email, subject.Phone])!;
        return await db.Set<WebhookDelivery>()
            .FromSql($"SELECT * FROM webhook_deliveries WHERE payload ~* {pattern}")
            .AsNoTracking().OrderBy(d => d.CreatedAt)
            .Select(d => new { d.Id, d.EndpointId, d.EventId, d.EventType, d.OccurredAt, d.Status, d.Payload })
            .ToListAsync(cancellationToken);
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (PersonalDataPattern.For([subject.Email, subject.Phone, subject.FirstName, subject.LastName]) is { } pattern)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE webhook_deliveries SET payload = regexp_replace(payload, {pattern}, '[erased]', 'gi') WHERE payload ~* {pattern}",
                cancellationToken);
    }
}
