using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>Registers a device's push token for the caller; a token registered before (by anyone) moves to the caller, in one upsert.</summary>
public sealed class DeviceService(AppDbContext db, IClock clock)
{
    public async Task<DeviceResponse> RegisterAsync(Guid userId, RegisterDeviceRequest request, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var token = request.Token!.Trim();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO notification_devices (id, user_id, token, platform, created_at, updated_at)
            VALUES ({Guid.CreateVersion7()}, {userId}, {token}, {EnumColumns.ToText(request.PlatformValue)}, {now}, {now})
            ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform, updated_at = excluded.updated_at
            """, ct);
        var device = await db.Set<NotificationDevice>().AsNoTracking().SingleAsync(d => d.Token == token, ct);
        return new DeviceResponse(device.Id, device.Platform, device.CreatedAt);
    }
}
