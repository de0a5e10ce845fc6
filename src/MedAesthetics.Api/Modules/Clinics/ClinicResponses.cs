using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

public sealed record ClinicResponse(Guid Id, string Name, string Timezone, string? Address, string? Phone, string? Email, string? CountryCode, Guid? OwnerId, Instant CreatedAt)
{
    public static ClinicResponse From(Clinic c) => new(c.Id, c.Name, c.Timezone, c.Address, c.Phone, c.Email, c.CountryCode, c.OwnerId, c.CreatedAt);
}

public sealed record ServiceResponse(
    Guid Id, Guid ClinicId, string Name, string? Category, int DurationMinutes, Money Price,
    int BufferBeforeMinutes, int BufferAfterMinutes, int? LoyaltyPoints, int? RepeatAfterDays)
{
    public static ServiceResponse From(Service s) => new(s.Id, s.ClinicId, s.Name, s.Category, s.DurationMinutes, Money.Of(s.Price, s.Currency),
        s.BufferBeforeMinutes, s.BufferAfterMinutes, s.LoyaltyPoints, s.RepeatAfterDays);
}

public sealed record StaffResponse(Guid ClinicId, Guid UserId, UserRole Role, string FirstName, string LastName, string Email);

public sealed record ProviderResponse(Guid Id, string FirstName, string LastName, IReadOnlyList<Guid> ServiceIds);

public sealed record WorkingHoursResponse(int DayOfWeek, string Start, string End)
{
    public static WorkingHoursResponse From(WorkingHours w) => new((int)w.DayOfWeek, ApiTime.Format(w.StartTime), ApiTime.Format(w.EndTime));
}

public sealed record BlockedSlotResponse(Guid Id, Guid ClinicId, Guid? ProviderId, Instant Start, Instant End, string? Reason)
{
    public static BlockedSlotResponse From(BlockedSlot b) => new(b.Id, b.ClinicId, b.ProviderId, b.Start, b.End, b.Reason);
}

public sealed record AgentAccessResponse(Guid AgentUserId, Guid ClinicId, Instant CreatedAt);
