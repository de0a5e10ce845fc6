using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

public sealed class WelcomeOnRegistration(AppDbContext db) : IntegrationEventHandler<UserRegistered>
{
    protected override async Task HandleAsync(UserRegistered registered, EventContext context, CancellationToken cancellationToken)
    {
        if (await db.Set<UserWelcome>().AnyAsync(w => w.UserId == registered.UserId, cancellationToken))
            return;
        db.Set<UserWelcome>().Add(UserWelcome.For(registered, context.EventId));
    }
}
