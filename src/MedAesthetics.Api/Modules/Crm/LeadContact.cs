using PhoneNumbers;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>How a lead's contact details are made comparable: emails trimmed and lower-cased, phones to E.164 with libphonenumber.</summary>
public static class LeadContact
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>E.164 ("+306912345678"), or null when the text is not a valid number for the region.</summary>
    public static string? NormalizePhone(string? phone, string region)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        try
        {
            var parsed = Phones.Parse(phone.Trim(), region.ToUpperInvariant());
            return Phones.IsValidNumber(parsed) ? Phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
