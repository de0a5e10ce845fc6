using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>A person an ad or a member of staff brought in, on its way through the pipeline to a treatment.</summary>
public sealed class Lead : Entity, ISoftDeletable
{
    public const string DuplicateTag = "duplicate";

    private Lead() { }

    public string FirstName { get; private set; } = "";
    public string? LastName { get; private set; }
    /// <summary>Lower-cased and trimmed.</summary>
    public string? Email { get; private set; }
    /// <summary>E.164.</summary>
    public string? Phone { get; private set; }
    public LeadSource Source { get; private set; }
    public LeadStatus Status { get; private set; } = LeadStatus.New;
    public Guid? ClinicId { get; private set; }
    public Guid? CampaignId { get; private set; }
    public Guid? AssignedToId { get; private set; }
    public Instant? AssignedAt { get; private set; }
    public Guid? DuplicateOfId { get; private set; }
    public string? Notes { get; private set; }
    public List<string> Tags { get; private set; } = [];
    /// <summary>The user who entered it, or null for an ad webhook.</summary>
    public Guid? CreatedBy { get; private set; }
    /// <summary>Id of the lead at its source (Facebook's leadgen id), so a redelivered webhook is not a second lead.</summary>
    public string? ExternalId { get; private set; }
    public Instant StatusChangedAt { get; private set; }
    public Instant? ConvertedAt { get; private set; }
    /// <summary>Lower-cased name, email and phone digits, kept by the database for trigram search.</summary>
    public string SearchText { get; private set; } = "";
    public Instant? DeletedAt { get; private set; }

    public static Lead Create(NewLead details, Instant now) => new()
    {
        FirstName = details.FirstName.Trim(),
        LastName = string.IsNullOrWhiteSpace(details.LastName) ? null : details.LastName.Trim(),
        Email = details.Email,
        Phone = details.Phone,
        Source = details.Source,
        ClinicId = details.ClinicId,
        CampaignId = details.CampaignId,
        Notes = string.IsNullOrWhiteSpace(details.Notes) ? null : details.Notes.Trim(),
        Tags = Normalize(details.Tags),
        CreatedBy = details.CreatedBy,
        ExternalId = details.ExternalId,
        StatusChangedAt = now,
        CreatedAt = now,
    };

    public void MarkDuplicateOf(Guid originalId)
    {
        DuplicateOfId = originalId;
        AddTags([DuplicateTag]);
    }

    public void AssignTo(Guid salespersonId, Instant now)
    {
        AssignedToId = salespersonId;
        AssignedAt = now;
    }

    /// <summary>Moves along the pipeline; returns why not when the move is not allowed.</summary>
    public string? MoveTo(LeadStatus target, Instant now, bool bySystem = false)
    {
        if (!LeadPipeline.Allows(Status, target, bySystem))
            return $"A lead cannot move from {EnumColumns.ToText(Status)} to {EnumColumns.ToText(target)}.";
        Status = target;
        StatusChangedAt = now;
        if (target == LeadStatus.Converted)
            ConvertedAt = now;
        return null;
    }

    public void ChangeClinic(Guid? clinicId) => ClinicId = clinicId;
    public void ChangeNotes(string? notes) => Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    public void ReplaceTags(IEnumerable<string> tags) => Tags = Normalize(tags.Concat(DuplicateOfId is null ? [] : [DuplicateTag]));
    public void AddTags(IEnumerable<string> tags) => Tags = Normalize(Tags.Concat(tags));

    public static List<string> Normalize(IEnumerable<string>? tags) =>
        (tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
}

public sealed record NewLead(
    string FirstName, string? LastName, string? Email, string? Phone, LeadSource Source,
    Guid? ClinicId, Guid? CampaignId, string? Notes, IReadOnlyList<string>? Tags, Guid? CreatedBy, string? ExternalId);

/// <summary>The pipeline of docs/rules.md: new -> contacted -> qualified -> booked -> converted; any open state -> lost; lost -> contacted.</summary>
public static class LeadPipeline
{
    public static bool Allows(LeadStatus from, LeadStatus to, bool bySystem = false) => (from, to) switch
    {
        (LeadStatus.New, LeadStatus.Contacted) => true,
        (LeadStatus.Contacted, LeadStatus.Qualified) => true,
        (LeadStatus.Qualified, LeadStatus.Booked) => true,
        (LeadStatus.Booked, LeadStatus.Converted) => true,
        (LeadStatus.New or LeadStatus.Contacted or LeadStatus.Qualified or LeadStatus.Booked, LeadStatus.Lost) => true,
        (LeadStatus.Lost, LeadStatus.Contacted) => true,
        // A booking made for the lead's email or phone moves it to booked from any earlier open state.
        (LeadStatus.New or LeadStatus.Contacted, LeadStatus.Booked) => bySystem,
        _ => false,
    };
}

/// <summary>One status change of a lead, with who made it (null: the platform) and when.</summary>
public sealed class LeadStatusChange : Entity
{
    private LeadStatusChange() { }

    public Guid LeadId { get; private set; }
    public LeadStatus? FromStatus { get; private set; }
    public LeadStatus ToStatus { get; private set; }
    public Guid? ActorId { get; private set; }
    public string? Reason { get; private set; }

    public static LeadStatusChange Record(Guid leadId, LeadStatus? from, LeadStatus to, Guid? actorId, string? reason) =>
        new() { LeadId = leadId, FromStatus = from, ToStatus = to, ActorId = actorId, Reason = reason };
}

/// <summary>An appointment booked for a lead (matched by email or phone), with what it earned once completed: the source of revenue and ROAS.</summary>
public sealed class LeadAppointment : Entity
{
    private LeadAppointment() { }

    public Guid LeadId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public decimal? AmountPaid { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public Instant? CompletedAt { get; private set; }

    public static LeadAppointment Link(Guid leadId, Guid appointmentId, string currency) =>
        new() { LeadId = leadId, AppointmentId = appointmentId, Currency = currency };

    public void Complete(decimal amountPaid, Instant completedAt)
    {
        AmountPaid = amountPaid;
        CompletedAt = completedAt;
    }
}

/// <summary>A label for leads, with a colour for the back office; tags applied to leads are kept here too.</summary>
public sealed class Tag : Entity
{
    private Tag() { }

    public string Name { get; private set; } = "";
    public string? Color { get; private set; }

    public static Tag Create(string name, string? color) => new() { Name = name.Trim().ToLowerInvariant(), Color = color };
}
