using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Creates tags by hand (intake and pipeline remember the tags they see on their own).</summary>
public sealed class TagService(AppDbContext db)
{
    public async Task<Outcome<TagResponse>> CreateAsync(CreateTagRequest request, CancellationToken ct)
    {
        var tag = Tag.Create(request.Name, request.Color);
        db.Set<Tag>().Add(tag);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Error.Conflict($"A tag named '{tag.Name}' already exists.");
        }
        return new TagResponse(tag.Id, tag.Name, tag.Color, tag.CreatedAt);
    }
}
