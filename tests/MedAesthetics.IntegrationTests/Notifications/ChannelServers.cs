using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedAesthetics.IntegrationTests.Notifications;

/// <summary>Collects what a real SMTP server (the SmtpServer package) receives, parsed with MimeKit.</summary>
public sealed class CollectingMessageStore : MessageStore
{
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        foreach (var segment in buffer)
            stream.Write(segment.Span);
        stream.Position = 0;
        Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }
}

/// <summary>
/// Local stand-ins for every provider: WireMock.Net for FCM (and its OAuth token endpoint), the SMS gateway and Viber;
/// a real SMTP server for email; a service-account file with a freshly generated RSA key whose token_uri is WireMock.
/// </summary>
public sealed class ChannelServers : IAsyncDisposable
{
    public const string ProjectId = "test-project";
    public const string SmsKey = "sms-test-key";
    public const string ViberToken = "viber-test-token";
    public const string AccessToken = "fcm-test-access-token";
    public const string DeadToken = "device-token-unregistered";
    public const string FailingPhone = "+306977777777";

    private readonly SmtpServer.SmtpServer _smtp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _smtpRunning;

    public WireMockServer Http { get; }
    public CollectingMessageStore Mail { get; } = new();
    public int SmtpPort { get; }
    public string CredentialsFile { get; }

    public ChannelServers()
    {
        Http = WireMockServer.Start();
        Http.Given(Request.Create().WithPath("/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"access_token":"{{AccessToken}}","expires_in":3600,"token_type":"Bearer"}"""));
        Http.Given(Request.Create().WithPath($"/v1/projects/{ProjectId}/messages:send").UsingPost())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"name":"projects/{{ProjectId}}/messages/0:1"}"""));
        Http.Given(Request.Create().WithPath($"/v1/projects/{ProjectId}/messages:send").UsingPost().WithBody(b => b != null && b.Contains(DeadToken)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}"""));
        Http.Given(Request.Create().WithPath("/sms").UsingPost())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", "application/json").WithBody("""{"id":"sms-1"}"""));
        Http.Given(Request.Create().WithPath("/sms").UsingPost().WithBody(b => b != null && b.Contains(FailingPhone)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("gateway down"));
        Http.Given(Request.Create().WithPath("/pa/send_message").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"status":0,"status_message":"ok","message_token":5741311803571721087}"""));

        SmtpPort = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, SmtpPort))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(Mail);
        _smtp = new SmtpServer.SmtpServer(options, services);
        _smtpRunning = _smtp.StartAsync(_stop.Token);

        CredentialsFile = Path.Combine(Path.GetTempPath(), $"fcm-service-account-{Guid.NewGuid():N}.json");
        using var rsa = RSA.Create(2048);
        File.WriteAllText(CredentialsFile, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key_id"] = "test-key-1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = $"notifier@{ProjectId}.iam.gserviceaccount.com",
            ["client_id"] = "1234567890",
            ["token_uri"] = $"{Http.Url}/token",
        }));
    }

    /// <summary>The settings that point the API's channels here.</summary>
    public IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("SMTP_HOST", "127.0.0.1"), ("SMTP_PORT", SmtpPort.ToString()), ("MAIL_FROM", "MedAesthetics <no-reply@medaesthetics.test>"),
        ("FIREBASE_PROJECT_ID", ProjectId), ("FIREBASE_CREDENTIALS_FILE", CredentialsFile), ("FCM_BASE_URL", Http.Url!),
        ("SMS_GATEWAY_URL", $"{Http.Url}/sms"), ("SMS_GATEWAY_API_KEY", SmsKey),
        ("VIBER_API_URL", Http.Url!), ("VIBER_AUTH_TOKEN", ViberToken),
        ("NOTIFICATION_TIMEOUT_SECONDS", "30"),   // generous: a loaded test machine must not turn a send into a retry
    ];

    /// <summary>Requests the HTTP providers received at the path, oldest first.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> Requests(string path) =>
        Http.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime).ToList();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Stop();
        Http.Dispose();
        await _stop.CancelAsync();
        _smtp.Shutdown();
        try { await _smtpRunning; } catch (OperationCanceledException) { }
        File.Delete(CredentialsFile);
    }
}
