using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedAesthetics.Api.Platform.Observability;

/// <summary>
/// The app's own traces and business metrics, both named "MedAesthetics". Without a listener (no OTLP endpoint, no
/// Prometheus) StartActivity returns null and Add returns at once, so the hot path pays nothing.
/// </summary>
public static class Telemetry
{
    public const string Name = "MedAesthetics";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Appointments booked (a series counts each occurrence), by staff or by a client confirming a hold.</summary>
    public static readonly Counter<long> Bookings = Meter.CreateCounter<long>("medaesthetics.bookings", "{appointment}", "Appointments booked");

    /// <summary>Hold requests refused: the slot was taken, or the client already holds the maximum.</summary>
    public static readonly Counter<long> HoldsRejected = Meter.CreateCounter<long>("medaesthetics.holds.rejected", "{hold}", "Hold requests refused (slot taken or hold limit)");

    public static readonly Counter<long> LeadsIngested = Meter.CreateCounter<long>("medaesthetics.leads.ingested", "{lead}", "New leads taken in (webhooks and staff)");

    /// <summary>Failed delivery attempts by channel; a retryable one may still be sent later.</summary>
    public static readonly Counter<long> NotificationsFailed = Meter.CreateCounter<long>("medaesthetics.notifications.failed", "{attempt}", "Failed notification delivery attempts");

    public static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("medaesthetics.jobs.failed", "{job}", "Background job runs that threw");

    public static void HoldRejected(string reason) => HoldsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void LeadIngested(string source) => LeadsIngested.Add(1, new KeyValuePair<string, object?>("source", source));

    public static void NotificationFailed(string channel) => NotificationsFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
