namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>Tests that start real API processes run one after another: each process takes a core while it starts.</summary>
[CollectionDefinition(Name)]
public sealed class RealProcesses
{
    public const string Name = "real API processes";
}
