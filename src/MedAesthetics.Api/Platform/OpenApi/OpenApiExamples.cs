using System.Text.Json.Nodes;

namespace MedAesthetics.Api.Platform.OpenApi;

/// <summary>Example bodies of the main requests, keyed by schema name, shown in Swagger UI and copied by client developers.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["RegisterRequest"] = """{"email":"maria@example.com","password":"CorrectHorse42","firstName":"Maria","lastName":"Georgiou","phone":"+306912345678","acceptTerms":true,"marketingConsent":false}""",
        ["LoginRequest"] = """{"email":"client@demo.local","password":"DemoPass!2026"}""",
        ["RefreshRequest"] = """{"refreshToken":"q1w2e3r4t5y6u7i8o9p0"}""",
        ["HoldRequest"] = """{"clinicId":"0f8fad5b-d9cb-469f-a165-70867728950e","serviceId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","providerId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","start":"2026-12-03T08:00:00Z"}""",
        ["BookRequest"] = """{"holdId":"9b2d9c1e-43d0-4f3c-9a55-3c1d2a1b7e10","notes":"First visit","recurrence":{"frequency":"weekly","count":4}}""",
        ["RescheduleRequest"] = """{"start":"2026-12-10T08:00:00Z"}""",
        ["CancelRequest"] = """{"reason":"changed my mind"}""",
        ["CreateLeadRequest"] = """{"firstName":"Eleni","lastName":"Papadaki","email":"eleni@example.com","phone":"694 412 3456","source":"instagram","clinicId":"0f8fad5b-d9cb-469f-a165-70867728950e"}""",
        ["UpdateLeadRequest"] = """{"status":"contacted","notes":"Called, wants a consultation"}""",
        ["CreateTaskRequest"] = """{"title":"Call back about fillers","type":"call","dueAt":"2026-12-03T09:00:00Z","leadId":"5d3b1c2a-7f6e-4a8b-9c0d-1e2f3a4b5c6d"}""",
        ["CreateServiceRequest"] = """{"name":"Botox, one area","durationMinutes":30,"price":{"amount":180.00,"currency":"EUR"},"category":"injectables","repeatAfterDays":120}""",
        ["CreateUserRequest"] = """{"email":"doctor@clinic.gr","password":"CorrectHorse42","firstName":"Nikos","lastName":"Ioannou","role":"doctor","clinicId":"0f8fad5b-d9cb-469f-a165-70867728950e"}""",
    };

    public static JsonNode? For(string schemaName) => Examples.TryGetValue(schemaName, out var json) ? JsonNode.Parse(json) : null;
}
