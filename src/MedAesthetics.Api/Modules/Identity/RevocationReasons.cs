using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

public static class RevocationReasons
{
    public const string Logout = "logout";
    public const string Reuse = "reuse";
    public const string Erasure = "erasure";
}
