using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>Reads and changes the settings row. A change names only the settings it changes; the merged record is validated as a whole, audited by the trail and raises the version other nodes watch.</summary>
public sealed class SettingsService(AppDbContext db, StoredPlatformSettings store, ChangeActor actor, IValidator<PlatformSettings> validator)
{
    public async Task<PlatformSettings> GetAsync(CancellationToken cancellationToken) =>
        (await store.LoadOrSeedAsync(db, actor, cancellationToken)).Values;

    public async Task<Outcome<PlatformSettings>> UpdateAsync(JsonElement patch, CancellationToken cancellationToken)
    {
        if (patch.ValueKind != JsonValueKind.Object)
            return Error.Invalid("body", "The body must be a JSON object of the settings to change.");
        var row = await store.LoadOrSeedAsync(db, actor, cancellationToken);
        var merged = JsonSerializer.SerializeToNode(row.Values, ApiJson.Options)!.AsObject();
        var errors = new Dictionary<string, string[]>();
        foreach (var property in patch.EnumerateObject())
        {
            if (merged.ContainsKey(property.Name))
                merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            else
                errors[property.Name] = ["There is no such setting."];
        }
        if (errors.Count > 0)
            return new Error(ErrorKind.Invalid, "Unknown settings.", errors);

        PlatformSettings? values;
        try
        {
            values = merged.Deserialize<PlatformSettings>(ApiJson.Options);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..].Split('[', '.')[0] : "body";
            return Error.Invalid(field, $"{field} has the wrong type.");
        }
        if (values is null)
            return Error.Invalid("body", "The body must be a JSON object of the settings to change.");
        var result = await validator.ValidateAsync(values, cancellationToken);
        if (!result.IsValid)
            return new Error(ErrorKind.Invalid, "One or more settings are out of range.", result.Errors
                .GroupBy(f => JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName.Split('[', '.')[0]))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));

        row.Change(values);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("The settings were changed at the same time by another request; read them again and retry.");
        }
        store.Accept(row.Version, row.Values);
        return row.Values;
    }
}
