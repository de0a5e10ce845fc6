using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace MedAesthetics.Api.Platform.Logging;

/// <summary>Serilog, compact JSON to stdout through an asynchronous sink; one request log line with method, path, status, duration and trace id.</summary>
public static class LoggingSetup
{
    public static void AddApiLogging(this WebApplicationBuilder builder)
    {
        var level = Enum.TryParse<LogEventLevel>(builder.Configuration["LOG_LEVEL"], ignoreCase: true, out var parsed)
            ? parsed
            : LogEventLevel.Information;
        builder.Services.AddSerilog(config => config
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // Failed commands surface as exceptions that the API logs with context (a lost race is a 409, not an
            // error); EF's own copy of each, and the probe of a missing history table on a first migration, is noise.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Update", LogEventLevel.Fatal)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Query", LogEventLevel.Fatal)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("app", "medaesthetics-api")
            // A background thread writes the lines: a request never waits for stdout (a full pipe, a slow collector).
            // Past 10,000 waiting lines new ones are dropped rather than blocking requests or growing memory.
            .WriteTo.Async(sink => sink.Console(new RenderedCompactJsonFormatter()), bufferSize: 10_000, blockWhenFull: false));
    }

    public static WebApplication UseApiRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("TraceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
                diagnostics.Set("UserId", http.User.FindFirst("sub")?.Value ?? "anonymous");
            };
        });
        return app;
    }
}
