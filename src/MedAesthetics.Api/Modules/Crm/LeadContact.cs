using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>How a lead's contact details are made comparable: emails trimmed and lower-cased, phones to E.164 with libphonenumber.</summary>
public static class LeadContact
{
    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>E.164 ("+306912345678"), or null when the text is not a valid number for the region.</summary>
    public static string? NormalizePhone(string? phone, string region) => PhoneFormat.ToE164(phone, region);
}
