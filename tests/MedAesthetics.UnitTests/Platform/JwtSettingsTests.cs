using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.UnitTests.Platform;

public sealed class JwtSettingsTests
{
    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("0123456789abcdefghij", "shorter than 32 characters")]
    [InlineData("abababababababababababababababababab", "too repetitive")]
    [InlineData("please-changeme-before-production-0123456789", "a placeholder")]
    public void Weak_secrets_are_named_for_what_is_wrong(string? secret, string expected)
    {
        Assert.Equal(expected, JwtSettings.Weakness(secret));
    }

    [Fact]
    public void A_long_random_secret_is_accepted()
    {
        Assert.Null(JwtSettings.Weakness("q8Vd3kLz0Rw7Yp2Tn5Hx9Bc4Mf6Gj1Ks"));
    }

    [Theory]
    [InlineData("900", 900)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("30s", 30)]
    [InlineData("1d", 86400)]
    public void Expiration_accepts_seconds_or_a_unit(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), JwtSettings.ParseLifetime(text));
    }

    [Theory]
    [InlineData("fifteen minutes")]
    [InlineData("-5")]
    [InlineData("0")]
    public void Expiration_rejects_nonsense(string text)
    {
        Assert.Throws<InvalidOperationException>(() => JwtSettings.ParseLifetime(text));
    }

    [Fact]
    public void Without_JWT_EXPIRATION_access_tokens_live_15_minutes()
    {
        Assert.Null(JwtSettings.ParseLifetime(null));
    }
}
