using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedAesthetics.Api.Platform.OpenApi;

/// <summary>The OpenAPI document at /api/docs/openapi.json and Swagger UI at /api/docs, with a working "Authorize" (bearer) button.</summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/api/docs/openapi.json";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MedAesthetics API",
                    Version = "v1",
                    Description = "Clinics, bookings, CRM, tasks, loyalty and notifications for medical aesthetics clinics. " +
                                  "Log in with POST /auth/login, then press Authorize and paste the accessToken.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The accessToken from /auth/login or /auth/register.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var requiresAuth = metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                                   && !metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
                if (requiresAuth)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
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
