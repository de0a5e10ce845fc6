using BenchmarkDotNet.Attributes;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Crm;

namespace MedAesthetics.Microbench;

/// <summary>
/// What a validated request pays for its validator: built for the request (as a scoped registration does) and then run,
/// against run on one shared instance (the API registers validators once per process).
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly CreateLeadRequest Lead = new("Maria", "Papadopoulou", "maria@example.com", "+306912345678",
        LeadSource.Facebook, null, null, "Asked about fillers.", ["summer", "fillers"]);
    private static readonly LeadListQuery List = new() { Status = "new", Sort = "-createdAt", Page = 1, PageSize = 50 };
    private readonly CreateLeadRequestValidator _leadValidator = new();
    private readonly LeadListQueryValidator _listValidator = new();

    [Benchmark]
    public bool LeadBuiltPerRequest() => new CreateLeadRequestValidator().Validate(Lead).IsValid;

    [Benchmark]
    public bool LeadShared() => _leadValidator.Validate(Lead).IsValid;

    [Benchmark]
    public bool ListBuiltPerRequest() => new LeadListQueryValidator().Validate(List).IsValid;

    [Benchmark]
    public bool ListShared() => _listValidator.Validate(List).IsValid;
}
