using FluentValidation;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>Runs the FluentValidation validator of every bound argument that has one; a failure answers 400 with `errors` and the handler never runs.</summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is null)
                continue;
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

public static class ValidationFilterExtensions
{
    public static RouteGroupBuilder WithValidation(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<ValidationFilter>();
        return group;
    }
}
