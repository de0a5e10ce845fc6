using MedAesthetics.Api.Modules.Identity;

namespace MedAesthetics.UnitTests.Identity;

public sealed class RegisterRequestValidatorTests
{
    private static readonly RegisterRequestValidator Validator = new();

    private static RegisterRequest Valid() =>
        new("maria@example.test", "CorrectHorse42", "Maria", "Georgiou", "+30 691 234 5678", "Europe/Athens", "el", true, false, null);

    [Fact]
    public void A_complete_registration_is_valid() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData("123456789", false)]
    [InlineData("1234567890", true)]
    public void The_password_needs_10_characters(string password, bool valid) =>
        Assert.Equal(valid, Validator.Validate(Valid() with { Password = password }).IsValid);

    [Theory]
    [InlineData("Europe/Athens", true)]
    [InlineData("America/New_York", true)]
    [InlineData("Europe/Atlantis", false)]
    [InlineData("GMT+2", false)]
    public void The_timezone_must_be_an_iana_name(string timezone, bool valid) =>
        Assert.Equal(valid, Validator.Validate(Valid() with { Timezone = timezone }).IsValid);

    [Fact]
    public void The_terms_must_be_accepted() =>
        Assert.False(Validator.Validate(Valid() with { AcceptTerms = false }).IsValid);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two words@example.test")]
    [InlineData("")]
    public void The_email_must_be_an_address(string email) =>
        Assert.False(Validator.Validate(Valid() with { Email = email }).IsValid);

    [Theory]
    [InlineData("abc")]
    [InlineData("+30 69x 234")]
    public void A_phone_must_look_like_a_phone_number(string phone) =>
        Assert.False(Validator.Validate(Valid() with { Phone = phone }).IsValid);
}
