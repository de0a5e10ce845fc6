using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;
using NodaTime.Text;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>The body of every delivery: the outbox event's id (the receiver's idempotency key), its type, when it happened, and the data.</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, Instant OccurredAt, JsonObject Data);

/// <summary>
/// The "data" of each event type, limited to what the endpoint's manager may read through the API (README "Outgoing
/// webhooks" lists the fields): ids, statuses, times in UTC and in the clinic's local time, the service and the provider;
/// a lead's name and contacts (a lead reaches only endpoints of its own clinic, whose owner reads it in the CRM, or
/// admins' endpoints); of a client only the id. Never a password hash, token, note or secret.
/// </summary>
public sealed class WebhookPayloads(IClinicDirectory clinics, IUserDirectory users)
{
    public static readonly JsonSerializerOptions Json = new(ApiJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(WebhookEnvelope envelope) => JsonSerializer.Serialize(envelope, Json);

    public async Task<JsonObject> AppointmentAsync(AppointmentFacts a, string status, CancellationToken ct)
    {
        var clinic = await clinics.FindClinicAsync(a.ClinicId, ct);
        var service = await clinics.FindServiceAsync(a.ServiceId, ct);
        var provider = await users.FindAsync(a.ProviderId, ct);
        var zone = ZoneOf(clinic);
        return new JsonObject
        {
            ["appointmentId"] = a.AppointmentId,
            ["status"] = status,
            ["clinic"] = new JsonObject { ["id"] = a.ClinicId, ["name"] = clinic?.Name, ["timezone"] = zone.Id },
            ["service"] = new JsonObject { ["id"] = a.ServiceId, ["name"] = service?.Name },
            ["provider"] = new JsonObject { ["id"] = a.ProviderId, ["name"] = provider is null ? null : $"{provider.FirstName} {provider.LastName}".Trim() },
            ["clientId"] = a.ClientId,
            ["start"] = Utc(a.Start),
            ["end"] = Utc(a.End),
            ["startLocal"] = Local(a.Start, zone),
            ["endLocal"] = Local(a.End, zone),
            ["price"] = MoneyOf(a.Price, a.Currency),
            ["seriesId"] = a.SeriesId,
        };
    }

    public async Task<JsonObject> RescheduledAsync(AppointmentRescheduled e, CancellationToken ct)
    {
        var data = await AppointmentAsync(e.Appointment, "confirmed", ct);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(data["clinic"]!["timezone"]!.GetValue<string>()) ?? DateTimeZone.Utc;
        data["previousStart"] = Utc(e.PreviousStart);
        data["previousEnd"] = Utc(e.PreviousEnd);
        data["previousStartLocal"] = Local(e.PreviousStart, zone);
        data["previousProviderId"] = e.PreviousProviderId;
        return data;
    }

    public async Task<JsonObject> CancelledAsync(AppointmentCancelled e, CancellationToken ct)
    {
        var data = await AppointmentAsync(e.Appointment, "cancelled", ct);
        data["reason"] = e.Reason;
        data["cancelledByClient"] = e.ByClient;
        return data;
    }

    public async Task<JsonObject> CompletedAsync(AppointmentCompleted e, CancellationToken ct)
    {
        var data = await AppointmentAsync(e.Appointment, "completed", ct);
        data["amountPaid"] = MoneyOf(e.AmountPaid, e.Currency);
        data["completedAt"] = Utc(e.CompletedAt);
        return data;
    }

    /// <summary>The lead as the CRM shows it now; a lead that no longer exists is sent with its id and status only.</summary>
    public static JsonObject Lead(Guid leadId, LeadDetails? lead, LeadStatus status, Guid? clinicId) => lead is null
        ? new JsonObject { ["leadId"] = leadId, ["status"] = EnumColumns.ToText(status), ["clinicId"] = clinicId }
        : new JsonObject
        {
            ["leadId"] = lead.Id,
            ["firstName"] = lead.FirstName,
            ["lastName"] = lead.LastName,
            ["email"] = lead.Email,
            ["phone"] = lead.Phone,
            ["source"] = EnumColumns.ToText(lead.Source),
            ["status"] = EnumColumns.ToText(status),
            ["clinicId"] = lead.ClinicId,
            ["campaignId"] = lead.CampaignId,
            ["assignedToId"] = lead.AssignedToId,
            ["duplicateOfId"] = lead.DuplicateOfId,
            ["createdAt"] = Utc(lead.CreatedAt),
        };

    public static JsonObject TierChanged(LoyaltyTierChanged e) => new()
    {
        ["clientId"] = e.ClientId,
        ["previousTier"] = e.PreviousTier,
        ["tier"] = e.NewTier,
        ["trailingPoints"] = e.TrailingPoints,
    };

    private static DateTimeZone ZoneOf(ClinicInfo? clinic) =>
        (clinic is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(clinic.Timezone)) ?? DateTimeZone.Utc;

    private static string Utc(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>The clinic's wall-clock time with its UTC offset, e.g. 2026-03-03T10:00:00+02:00.</summary>
    private static string Local(Instant instant, DateTimeZone zone) => LocalPattern.Format(instant.InZone(zone).ToOffsetDateTime());

    private static readonly OffsetDateTimePattern LocalPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    private static JsonObject MoneyOf(decimal amount, string currency) => new() { ["amount"] = decimal.Round(amount, 2), ["currency"] = currency };
}
