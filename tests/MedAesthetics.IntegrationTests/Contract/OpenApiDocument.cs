using System.Net;
using System.Text.Json.Nodes;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>The served OpenAPI document, with helpers to walk its operations and resolve its schemas.</summary>
public sealed class OpenApiDocument(JsonObject root)
{
    public static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public JsonObject Root { get; } = root;

    public static async Task<OpenApiDocument> LoadAsync(ApiFactory api)
    {
        var response = await api.CreateClient().GetAsync("/api/docs/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new OpenApiDocument(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public IEnumerable<Operation> Operations() =>
        from path in Root["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select new Operation(path.Key, method.Key.ToUpperInvariant(), method.Value!.AsObject());

    public JsonObject Schema(string name) => Root["components"]!["schemas"]![name]!.AsObject();

    /// <summary>Follows $ref and picks the non-null branch of a oneOf [null, X].</summary>
    public JsonObject Resolve(JsonNode? schema)
    {
        var node = schema!.AsObject();
        for (var i = 0; i < 10; i++)
        {
            if (node["$ref"]?.GetValue<string>() is { } reference)
                node = Schema(reference.Split('/').Last());
            else if (node["oneOf"] is JsonArray oneOf && oneOf.Count(o => !IsNullSchema(o!)) == 1)
                node = oneOf.First(o => !IsNullSchema(o!))!.AsObject();
            else
                return node;
        }
        return node;
    }

    public static bool IsNullSchema(JsonNode schema) => schema["type"] is JsonValue v && v.GetValue<string>() == "null";

    public static IReadOnlyList<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    /// <summary>True when the property accepts null: a "null" type, or a oneOf with a null branch.</summary>
    public static bool AcceptsNull(JsonObject property) =>
        Types(property).Contains("null") || property["oneOf"] is JsonArray oneOf && oneOf.Any(o => IsNullSchema(o!));

    /// <summary>Every schema object of the document (components, parameters, bodies, responses), with a path for messages.</summary>
    public IEnumerable<(string Where, JsonObject Schema)> AllSchemas()
    {
        var found = new List<(string, JsonObject)>();
        void Walk(JsonNode? node, string where, bool isSchema)
        {
            if (node is JsonObject obj)
            {
                if (isSchema)
                    found.Add((where, obj));
                foreach (var (key, value) in obj)
                {
                    var childIsSchema = key is "schema" or "items" or "additionalProperties" || isSchema && key is "not";
                    if (isSchema && key == "properties" && value is JsonObject props)
                        foreach (var (name, prop) in props)
                            Walk(prop, $"{where}.{name}", true);
                    else if (key is "oneOf" or "anyOf" or "allOf" && value is JsonArray branches)
                        for (var i = 0; i < branches.Count; i++)
                            Walk(branches[i], $"{where}.{key}[{i}]", true);
                    else if (key == "schemas" && value is JsonObject components)
                        foreach (var (name, schema) in components)
                            Walk(schema, name, true);
                    else if (key is not ("examples" or "example" or "enum" or "properties"))
                        Walk(value, $"{where}/{key}", childIsSchema);
                }
            }
            else if (node is JsonArray array)
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], $"{where}[{i}]", false);
        }
        Walk(Root, "", false);
        return found;
    }
}

public sealed record Operation(string Path, string Method, JsonObject Node)
{
    public override string ToString() => $"{Method} {Path}";
    public string? OperationId => Node["operationId"]?.GetValue<string>();
    public JsonObject Responses => Node["responses"]!.AsObject();
    public IEnumerable<JsonObject> Parameters => Node["parameters"] is JsonArray p ? p.Select(x => x!.AsObject()) : [];
    public JsonObject? BodySchema => Node["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
    public bool IsPublic => Node["security"] is JsonArray { Count: 0 };
}
