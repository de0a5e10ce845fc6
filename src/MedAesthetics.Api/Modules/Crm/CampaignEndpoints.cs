namespace MedAesthetics.Api.Modules.Crm;

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder routes)
    {
    }
}
