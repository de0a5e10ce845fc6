using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Loyalty;

/// <summary>The API for loyalty tests: access tokens outlive a year, so a test may move the clock past points' validity.</summary>
public sealed class LoyaltyApi : ApiFactory
{
    public LoyaltyApi() => With("JWT_EXPIRATION", "800d");
}
