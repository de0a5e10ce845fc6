using System.Collections;
using FluentValidation;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// Runs the FluentValidation validator of every bound argument that has one; a failure answers 400 with `errors` and the
/// handler never runs. Before that, the request body is checked for null entries in its lists (the JSON reader
/// refuses a null property that is not nullable, but not a null inside an array): `[{"dayOfWeek":1,...}, null]` is a 400
/// naming `body[1]`, never a NullReferenceException.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        foreach (var argument in context.Arguments)
        {
            if (argument is null)
                continue;
            if (bodyType is not null && argument.GetType() == bodyType)
            {
                var nullEntries = NullEntries.Find(argument, argument is IEnumerable ? "body" : "").ToList();
                foreach (var path in nullEntries)
                    (errors ??= new())[path] = ["An entry of this list must not be null."];
                if (nullEntries.Count > 0)
                    continue;   // its validator would step on the null entry
            }
            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (context.HttpContext.RequestServices.GetService(validatorType) is not IValidator validator)
                continue;
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            if (result.IsValid)
                continue;
            errors ??= new Dictionary<string, string[]>();
            foreach (var group in result.Errors.GroupBy(e => ToCamelCase(e.PropertyName)))
                errors[group.Key] = group.Select(e => e.ErrorMessage).Distinct().ToArray();
        }

        return errors is null
            ? await next(context)
            : TypedResults.ValidationProblem(errors, detail: "One or more fields are invalid.", title: "Validation failed");
    }

    private static string ToCamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>Paths of null entries in the lists of a request body (records of this assembly, walked a few levels deep).</summary>
internal static class NullEntries
{
    public static IEnumerable<string> Find(object value, string path, int depth = 0)
    {
        if (depth > 4 || value is string)
            yield break;
        if (value is IEnumerable list)
        {
            var index = 0;
            foreach (var item in list)
            {
                var itemPath = $"{path}[{index++}]";
                if (item is null)
                    yield return itemPath;
                else
                    foreach (var nested in Find(item, itemPath, depth + 1))
                        yield return nested;
            }
            yield break;
        }
        var type = value.GetType();
        if (type.Assembly != typeof(NullEntries).Assembly || type.IsEnum)
            yield break;
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null
                || !(property.PropertyType.IsArray || typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(string)
                     || property.PropertyType.Assembly == type.Assembly && property.PropertyType.IsClass))
                continue;
            if (property.GetValue(value) is not { } child)
                continue;
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            foreach (var nested in Find(child, path.Length == 0 ? name : $"{path}.{name}", depth + 1))
                yield return nested;
        }
    }
}

public static class ValidationFilterExtensions
{
    public static RouteGroupBuilder WithValidation(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<ValidationFilter>();
        return group;
    }
}
