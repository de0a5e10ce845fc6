using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The pipeline of docs/rules.md: new -> contacted -> qualified -> booked -> converted; any open state -> lost; lost -> contacted.</summary>
public static class LeadPipeline
{
    public static bool Allows(LeadStatus from, LeadStatus to, bool bySystem = false) => (from, to) switch
    {
        (LeadStatus.New, LeadStatus.Contacted) => true,
        (LeadStatus.Contacted, LeadStatus.Qualified) => true,
        (LeadStatus.Qualified, LeadStatus.Booked) => true,
        (LeadStatus.Booked, LeadStatus.Converted) => true,
        (LeadStatus.New or LeadStatus.Contacted or LeadStatus.Qualified or LeadStatus.Booked, LeadStatus.Lost) => true,
        (LeadStatus.Lost, LeadStatus.Contacted) => true,
        // A booking made for the lead's email or phone moves it to booked from any earlier open state.
        (LeadStatus.New or LeadStatus.Contacted, LeadStatus.Booked) => bySystem,
        _ => false,
    };
}
