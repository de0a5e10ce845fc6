using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MedAesthetics.Bench;

/// <summary>
/// The ceilings the API is compared with in the same run: <c>GET /bare</c>, a bare ASP.NET Core route answering a small
/// JSON object (what Kestrel and routing cost), and <c>GET /raw-clinic/{id}</c>, one raw Npgsql query by primary key
/// (the clinic row, as <c>GET /clinics/{id}</c> reads it) serialised to JSON, with nothing else around it.
/// Listens on 127.0.0.1:$BENCH_BASELINE_PORT; the database is $BENCH_DB.
/// </summary>
public static class BaselineServer
{
    public static async Task<int> RunAsync()
    {
        var port = Environment.GetEnvironmentVariable("BENCH_BASELINE_PORT") ?? "38200";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var data = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("BENCH_DB")
            ?? throw new InvalidOperationException("BENCH_DB is not set"));
        var app = builder.Build();
        app.MapGet("/bare", () => Results.Text("""{"name":"MedAesthetics API","version":"1.0.0","status":"ok"}""", "application/json"));
        app.MapGet("/raw-clinic/{id:guid}", async (Guid id, HttpContext http) =>
        {
            await using var command = data.CreateCommand(
                "SELECT id, name, timezone, address, phone, email, country_code, owner_id, created_at FROM clinics WHERE id = $1 AND deleted_at IS NULL");
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            if (!await reader.ReadAsync(http.RequestAborted))
                return Results.NotFound();
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
            json.WriteStartObject();
            json.WriteString("id", reader.GetGuid(0));
            json.WriteString("name", reader.GetString(1));
            json.WriteString("timezone", reader.GetString(2));
            json.WriteString("address", reader.IsDBNull(3) ? null : reader.GetString(3));
            json.WriteString("phone", reader.IsDBNull(4) ? null : reader.GetString(4));
            json.WriteString("email", reader.IsDBNull(5) ? null : reader.GetString(5));
            json.WriteString("countryCode", reader.IsDBNull(6) ? null : reader.GetString(6));
            json.WriteString("createdAt", reader.GetDateTime(8));
            json.WriteEndObject();
            await json.FlushAsync(http.RequestAborted);
            return Results.Empty;
        });
        await app.RunAsync();
        return 0;
    }
}
