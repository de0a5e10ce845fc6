using System.Text;
using MedAesthetics.Api.Modules.Identity;

namespace MedAesthetics.UnitTests.Identity;

public sealed class RefreshTokenSuccessionTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("unit-tests-signing-key-0123456789-abcdefghij");

    [Fact]
    public void A_spent_token_always_has_the_same_successor_under_one_secret()
    {
        Assert.Equal(RefreshTokenSuccession.Successor(Key, "spent-token"), RefreshTokenSuccession.Successor(Key, "spent-token"));
    }

    [Fact]
    public void Successors_differ_per_token_and_per_secret_and_are_256_bit_base64url()
    {
        var successor = RefreshTokenSuccession.Successor(Key, "spent-token");

        Assert.NotEqual(successor, RefreshTokenSuccession.Successor(Key, "spent-token2"));
        Assert.NotEqual(successor, RefreshTokenSuccession.Successor(Encoding.UTF8.GetBytes("another-secret-0123456789-abcdefghijklmn"), "spent-token"));
        Assert.Equal(43, successor.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", successor);
        Assert.NotEqual("spent-token", successor);
    }
}
