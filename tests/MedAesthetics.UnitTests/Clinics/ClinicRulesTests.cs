using MedAesthetics.Api.Modules.Clinics;

namespace MedAesthetics.UnitTests.Clinics;

public sealed class ClinicRulesTests
{
    private static ClinicDetails Details(string? name = null, string? email = null, string? country = null, string? phone = null) =>
        new(name, null, null, phone, email, country);

    [Fact]
    public void A_clinic_keeps_its_name_trimmed_its_email_lower_case_and_its_country_upper_case()
    {
        var clinic = Clinic.Create(new ClinicDetails("  Aesthetica  ", "Europe/Athens", null, null, "Hello@Clinic.GR", "gr"));

        Assert.Equal("Aesthetica", clinic.Name);
        Assert.Equal("hello@clinic.gr", clinic.Email);
        Assert.Equal("GR", clinic.CountryCode);
    }

    [Fact]
    public void A_change_leaves_absent_fields_alone_and_clears_blank_ones()
    {
        var clinic = Clinic.Create(new ClinicDetails("Aesthetica", "Europe/Athens", null, "+30 210 000 0000", "a@b.gr", "GR"));

        clinic.Apply(Details(phone: "  "));

        Assert.Equal("Aesthetica", clinic.Name);
        Assert.Equal("a@b.gr", clinic.Email);
        Assert.Null(clinic.Phone);
    }
}
