using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>Who manages an endpoint: admins every one; a clinic owner those of the clinics it owns (not the all-clinics ones). Anyone else sees none.</summary>
public static class WebhookAccess
{
    public static Expression<Func<WebhookEndpoint, bool>> VisibleTo(AccessScope scope)
    {
        if (scope.IsAdmin)
            return e => true;
        var owned = scope.OwnedClinics.ToList();
        return e => e.ClinicId != null && owned.Contains(e.ClinicId.Value);
    }

    public static IQueryable<WebhookEndpoint> Manageable(this IQueryable<WebhookEndpoint> endpoints, AccessScope scope) => endpoints.Where(VisibleTo(scope));
}
