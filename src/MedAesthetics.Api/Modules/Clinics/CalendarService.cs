using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>The writes of a clinic's calendar: providers' weekly hours and blocked time.</summary>
public sealed class CalendarService(AppDbContext db, ClinicPermissions permissions)
{
    public async Task<Outcome<List<WorkingHoursResponse>>> ReplaceWorkingHoursAsync(
        Guid clinicId, Guid providerId, WorkingHoursRequest[] request, AccessScope scope, CancellationToken ct)
    {
        if (await permissions.CalendarAsync(clinicId, scope, allowDoctor: false, ct) is { } error)
            return error;
        if (!await permissions.IsProviderAsync(clinicId, providerId, ct))
            return ClinicPermissions.NoProvider();
        var entries = request.Select(e =>
        {
            ApiTime.TryParseClockTime(e.Start, out var start);
            ApiTime.TryParseClockTime(e.End, out var end);
            return WorkingHours.Create(clinicId, providerId, (IsoDayOfWeek)e.DayOfWeek, start, end);
        }).ToList();
        // The week is replaced whole, in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<WorkingHours>().Where(w => w.ClinicId == clinicId && w.ProviderId == providerId).ExecuteDeleteAsync(ct);
        db.Set<WorkingHours>().AddRange(entries);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return entries.OrderBy(e => e.DayOfWeek).ThenBy(e => e.StartTime).Select(WorkingHoursResponse.From).ToList();
    }

    public async Task<Outcome<BlockedSlotResponse>> BlockAsync(Guid clinicId, BlockedSlotRequest request, AccessScope scope, CancellationToken ct)
    {
        var isOwnTime = scope.Caller.Role == UserRole.Doctor && request.ProviderId == scope.Caller.UserId;
        if (await permissions.CalendarAsync(clinicId, scope, allowDoctor: isOwnTime, ct) is { } error)
            return error;
        if (request.ProviderId is { } providerId && !await permissions.IsProviderAsync(clinicId, providerId, ct))
            return ClinicPermissions.NoProvider();
        var slot = BlockedSlot.Create(clinicId, request.ProviderId, request.Start, request.End, request.Reason, scope.Caller.UserId);
        db.Set<BlockedSlot>().Add(slot);
        await db.SaveChangesAsync(ct);
        return BlockedSlotResponse.From(slot);
    }
}
