using MedAesthetics.Api.Platform.Persistence;
using NetArchTest.Rules;

namespace MedAesthetics.UnitTests.Architecture;

/// <summary>Modules own their tables and talk through events or small interfaces: no module uses another module's types.</summary>
public sealed class ModuleBoundaryTests
{
    public const string ModulesNamespace = "MedAesthetics.Api.Modules";
    private static readonly System.Reflection.Assembly Api = typeof(AppDbContext).Assembly;

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var module in ModuleNames())
            data.Add(module);
        return data;
    }

    /// <summary>Every namespace MedAesthetics.Api.Modules.X is a module, found from the types themselves: a new module is covered without a list.</summary>
    public static IEnumerable<string> ModuleNames() => Api.GetTypes()
        .Select(t => t.Namespace)
        .Where(ns => ns is not null && ns.StartsWith(ModulesNamespace + ".", StringComparison.Ordinal))
        .Select(ns => ns!.Split('.')[3])
        .Distinct()
        .Order();

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_does_not_depend_on_another_modules_types(string module)
    {
        var others = ModuleNames().Where(m => m != module).Select(m => $"{ModulesNamespace}.{m}").ToArray();
        if (others.Length == 0)
            return;

        var result = Types.InAssembly(Api).That().ResideInNamespace($"{ModulesNamespace}.{module}")
            .ShouldNot().HaveDependencyOnAny(others).GetResult();

        Assert.True(result.IsSuccessful, $"{module} uses: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_platform_does_not_depend_on_any_module()
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace("MedAesthetics.Api.Platform")
            .ShouldNot().HaveDependencyOn(ModulesNamespace).GetResult();

        Assert.True(result.IsSuccessful, $"Platform types using modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Contracts_do_not_depend_on_any_module()
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace("MedAesthetics.Api.Contracts")
            .ShouldNot().HaveDependencyOn(ModulesNamespace).GetResult();

        Assert.True(result.IsSuccessful, $"Contract types using modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_module_folder_is_found_by_namespace()
    {
        Assert.Superset(new SortedSet<string> { "Booking", "Clinics", "Crm", "Identity", "Tasks" }, new SortedSet<string>(ModuleNames()));
    }
}
