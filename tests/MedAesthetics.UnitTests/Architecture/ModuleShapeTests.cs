using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Http;
using NetArchTest.Rules;

namespace MedAesthetics.UnitTests.Architecture;

/// <summary>
/// The shape every module keeps (Booking is the model): endpoints bind, authorize, call one service or query class and map,
/// so they never touch the DbContext; services, queries, handlers and jobs return typed errors, never ASP.NET Core results.
/// </summary>
public sealed class ModuleShapeTests
{
    private static readonly System.Reflection.Assembly Api = typeof(AppDbContext).Assembly;
    private const string HttpResults = "Microsoft.AspNetCore.Http.HttpResults";

    [Fact]
    public void Endpoints_do_not_depend_on_the_DbContext()
    {
        // Route handlers are lambdas compiled into types nested in the *Endpoints class; the rule covers them too.
        var result = Types.InAssembly(Api).That().HaveNameEndingWith("Endpoints")
            .ShouldNot().HaveDependencyOn(typeof(AppDbContext).FullName!).GetResult();

        Assert.True(result.IsSuccessful, $"Endpoints using AppDbContext: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void There_are_endpoint_classes_in_every_module_with_routes()
    {
        var endpoints = Api.GetTypes().Where(t => t.Name.EndsWith("Endpoints", StringComparison.Ordinal)).Select(t => t.Namespace!.Split('.').Last()).ToHashSet();
        Assert.Superset(new HashSet<string> { "Booking", "Clinics", "Crm", "Identity", "Tasks" }, endpoints);
    }

    [Theory]
    [MemberData(nameof(ModuleBoundaryTests.Modules), MemberType = typeof(ModuleBoundaryTests))]
    public void Services_queries_handlers_and_jobs_do_not_return_ASP_NET_Core_results(string module)
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace($"{ModuleBoundaryTests.ModulesNamespace}.{module}")
            .And().DoNotHaveNameEndingWith("Endpoints")
            .And().DoNotImplementInterface(typeof(IEndpointFilter))
            .ShouldNot().HaveDependencyOn(HttpResults).GetResult();

        Assert.True(result.IsSuccessful, $"{module} types using {HttpResults}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Contracts_and_the_platform_outside_the_HTTP_edge_do_not_use_ASP_NET_Core_results()
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace("MedAesthetics.Api.Contracts")
            .Or().ResideInNamespace("MedAesthetics.Api.Platform")
            .And().DoNotResideInNamespace("MedAesthetics.Api.Platform.Errors")
            .And().DoNotResideInNamespace("MedAesthetics.Api.Platform.Http")
            .And().DoNotHaveNameEndingWith("Endpoints")
            .ShouldNot().HaveDependencyOn(HttpResults).GetResult();

        Assert.True(result.IsSuccessful, $"Types using {HttpResults}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
