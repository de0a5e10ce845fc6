using System.Net;
using System.Net.Sockets;

namespace MedAesthetics.Api.Modules.Webhooks;

public enum AddressKind
{
    /// <summary>A globally routable unicast address: a webhook may go there.</summary>
    Public,
    /// <summary>127.0.0.0/8 and ::1: allowed only with WEBHOOKS_ALLOW_LOOPBACK (tests, local use).</summary>
    Loopback,
    /// <summary>Anything else a server must never be made to call: private, link-local, CGNAT, multicast, reserved, documentation.</summary>
    Forbidden,
}

/// <summary>
/// Classifies an IP address for SSRF protection (a pure rule). IPv4-mapped, NAT64 (64:ff9b::/96) and 6to4 (2002::/16)
/// IPv6 addresses are judged by the IPv4 address they carry, so ::ffff:10.0.0.1 is as private as 10.0.0.1.
/// </summary>
public static class AddressClassifier
{
    private static readonly (uint Network, int Bits)[] ForbiddenV4 =
    [
        (V4(0, 0, 0, 0), 8),          // "this network", 0.0.0.0
        (V4(10, 0, 0, 0), 8),         // RFC 1918
        (V4(100, 64, 0, 0), 10),      // CGNAT (RFC 6598)
        (V4(169, 254, 0, 0), 16),     // link-local, cloud metadata (169.254.169.254)
        (V4(172, 16, 0, 0), 12),      // RFC 1918
        (V4(192, 0, 0, 0), 24),       // IETF protocol assignments
        (V4(192, 0, 2, 0), 24),       // TEST-NET-1
        (V4(192, 88, 99, 0), 24),     // 6to4 relay anycast
        (V4(192, 168, 0, 0), 16),     // RFC 1918
        (V4(198, 18, 0, 0), 15),      // benchmarking
        (V4(198, 51, 100, 0), 24),    // TEST-NET-2
        (V4(203, 0, 113, 0), 24),     // TEST-NET-3
        (V4(224, 0, 0, 0), 4),        // multicast
        (V4(240, 0, 0, 0), 4),        // reserved and 255.255.255.255
    ];

    public static AddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return ClassifyV4(ToUInt32(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return AddressKind.Forbidden;

        if (address.IsIPv4MappedToIPv6)
            return ClassifyV4(ToUInt32(address.MapToIPv4()));
        var bytes = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Loopback))
            return AddressKind.Loopback;
        if (address.Equals(IPAddress.IPv6None))   // :: unspecified
            return AddressKind.Forbidden;
        // NAT64 64:ff9b::/96 carries an IPv4 address in its last 32 bits.
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..12].All(b => b == 0))
            return ClassifyV4(ReadUInt32(bytes, 12));
        // 6to4 2002::/16 carries an IPv4 address in bits 16-47.
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
            return ClassifyV4(ReadUInt32(bytes, 2));
        // IPv4-compatible ::/96 (deprecated) and every other address in ::/8.
        if (bytes[0] == 0x00)
            return AddressKind.Forbidden;
        if ((bytes[0] & 0xfe) == 0xfc)                                   // fc00::/7 unique local
            return AddressKind.Forbidden;
        if (bytes[0] == 0xfe && (bytes[1] & 0xc0) is 0x80 or 0xc0)       // fe80::/10 link-local, fec0::/10 site-local
            return AddressKind.Forbidden;
        if (bytes[0] == 0xff)                                             // ff00::/8 multicast
            return AddressKind.Forbidden;
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)   // 2001:db8::/32 documentation
            return AddressKind.Forbidden;
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] == 0x00)   // 2001::/32 Teredo
            return AddressKind.Forbidden;
        if (bytes[0] == 0x01 && bytes[1] == 0x00 && bytes[2..8].All(b => b == 0))           // 100::/64 discard
            return AddressKind.Forbidden;
        return AddressKind.Public;
    }

    /// <summary>Whether a webhook may connect to the address: public ones, and loopback when allowed.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback) => Classify(address) switch
    {
        AddressKind.Public => true,
        AddressKind.Loopback => allowLoopback,
        _ => false,
    };

    private static AddressKind ClassifyV4(uint address)
    {
        if (address >> 24 == 127)
            return AddressKind.Loopback;
        foreach (var (network, bits) in ForbiddenV4)
            if ((address & Mask(bits)) == network)
                return AddressKind.Forbidden;
        return AddressKind.Public;
    }

    private static uint Mask(int bits) => bits == 0 ? 0 : uint.MaxValue << (32 - bits);

    private static uint V4(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    private static uint ToUInt32(IPAddress v4) => ReadUInt32(v4.GetAddressBytes(), 0);

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
