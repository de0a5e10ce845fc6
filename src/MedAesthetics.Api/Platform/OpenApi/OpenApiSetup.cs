using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedAesthetics.Api.Platform.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document at /api/docs/openapi.json (also written at build time to obj/openapi/openapi.json, from which
/// the integration tests generate a C# client) and Swagger UI at /api/docs. The document is the reference of the HTTP
/// contract (docs/api.md explains its conventions); ContractTests hold every operation to it.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/api/docs/openapi.json";

    /// <summary>True while the build's document generator (Microsoft.Extensions.ApiDescription.Server) runs the app's startup.</summary>
    public static bool IsBuildTimeGeneration => System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = OpenApiSchemas.ReferenceId;
            options.AddSchemaTransformer(OpenApiSchemas.TransformAsync);
            options.AddOperationTransformer(OpenApiOperations.TransformAsync);
            options.AddDocumentTransformer(OpenApiDocumentParts.TransformAsync);
        });
        return services;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.SwaggerEndpoint(DocumentPath, "MedAesthetics API v1");
            options.DocumentTitle = "MedAesthetics API";
            options.EnablePersistAuthorization();
        });
        return app;
    }
}
