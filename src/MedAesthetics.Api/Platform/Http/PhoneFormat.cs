using PhoneNumbers;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>Phone numbers in E.164 with libphonenumber: one reading for lead matching and for SMS recipients.</summary>
public static class PhoneFormat
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>E.164 ("+306912345678"), reading numbers without a country code in the region; null when the text is not a valid number.</summary>
    public static string? ToE164(string? phone, string region)
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
