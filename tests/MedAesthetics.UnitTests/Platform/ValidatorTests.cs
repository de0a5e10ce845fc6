using FluentValidation;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.UnitTests.Platform;

/// <summary>
/// Validators are registered once per process and shared by every request, so a validator may hold no service: one that
/// took a DbContext or the caller would keep the first request's for the life of the process.
/// </summary>
public sealed class ValidatorTests
{
    public static TheoryData<Type> Validators()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(AppDbContext).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IValidator).IsAssignableFrom(t)))
            data.Add(type);
        return data;
    }

    [Fact]
    public void The_api_has_validators_to_check() => Assert.True(Validators().Count >= 40);

    [Theory]
    [MemberData(nameof(Validators))]
    public void A_validator_takes_nothing_to_build(Type validator)
    {
        var constructors = validator.GetConstructors();

        Assert.All(constructors, c => Assert.Empty(c.GetParameters()));
        Assert.NotEmpty(constructors);
    }
}
