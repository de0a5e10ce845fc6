using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MedAesthetics.Api.Modules.Admin;
using MedAesthetics.Api.Modules.Audit;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Modules.Clinics;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Modules.Tasks;
using MedAesthetics.Api.Modules.Webhooks;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Logging;
using MedAesthetics.Api.Platform.Observability;
using MedAesthetics.Api.Platform.OpenApi;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Security;
using MedAesthetics.Api.Platform.Settings;
using MedAesthetics.Api.Platform.Time;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
// The build writes the OpenAPI document by starting this host without serving (GetDocument.Insider): it needs no database.
var writingOpenApiDocument = OpenApiSetup.IsBuildTimeGeneration;
var connectionString = DatabaseConnection.FromConfiguration(configuration)
    ?? (writingOpenApiDocument ? "Host=localhost;Database=openapi-document" : null)
    ?? throw new InvalidOperationException("No database configured: set DATABASE_URL (or DATABASE_HOST, DATABASE_NAME, ...), or start the API with ./run.sh.");

builder.AddApiLogging();
builder.ConfigureRequestLimits();
builder.AddEdgeSecurity();
builder.WebHost.UseUrls($"http://{configuration["HOST"] ?? "127.0.0.1"}:{configuration["PORT"] ?? "3000"}");
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.ApplyToHttp(options.SerializerOptions));
builder.Services
    .AddClock()
    .AddPersistence(connectionString, threadSafetyChecks: configuration["Database:ThreadSafetyChecks"] is { Length: > 0 } checks && bool.Parse(checks))
    .AddOutbox(configuration)
    .AddJobs(configuration, connectionString)
    .AddApiErrors()
    .AddPlatformAuth(configuration, builder.Environment, serving: !Commands.IsCommand(args) && !writingOpenApiDocument)
    .AddApiDocs()
    .AddApiHealth()
    .AddObservability(configuration, typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "1.0.0")
    .AddSingleton<IPlatformSettings, ConfiguredPlatformSettings>()
    .AddSingleton(new PastCapMemory(TimeProvider.System))
    // Validators are built once: they take no services (a unit test holds every validator to that), and FluentValidation's
    // validators are safe to share once built; building one per request (the default, scoped) cost its rules' expression
    // trees on every validated request.
    .AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);

builder.Services.AddIdentityModule(configuration);
builder.Services.AddClinicsModule();
builder.Services.AddBookingModule();
builder.Services.AddCrmModule();
builder.Services.AddTasksModule();
builder.Services.AddLoyaltyModule();
builder.Services.AddAuditModule(configuration);
builder.Services.AddAdminModule();
builder.Services.AddNotificationsModule(configuration);
builder.Services.AddWebhooksModule(configuration, builder.Environment);
if (writingOpenApiDocument)
    builder.Services.RemoveAll<IHostedService>();   // no outbox, jobs or seeding while the build writes the document

var app = builder.Build();
// The job storage's first connection and schema check (about 0.3 s) start now, beside the pipeline's set-up below,
// instead of holding the main thread when the dashboard is mapped (last, for that reason).
var jobStorageReady = Task.Run(() => app.Services.GetRequiredService<Hangfire.JobStorage>());

app.UseEdgeSecurity();
app.UseObservability();
app.UseApiRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLimits();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapApiHealth(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
app.MapApiDocs();
app.MapIdentityModule();
app.MapClinicsModule();
app.MapBookingModule();
app.MapCrmModule();
app.MapTasksModule();
app.MapLoyaltyModule();
app.MapAuditModule();
app.MapAdminModule();
app.MapNotificationsModule();
app.MapWebhooksModule();
await jobStorageReady;   // its error, if any, stops the start as it did when the dashboard resolved it
app.MapJobsDashboard();

if (Commands.IsCommand(args))
    return await Commands.RunAsync(app, args);

await app.RunAsync();
return 0;

public partial class Program;
