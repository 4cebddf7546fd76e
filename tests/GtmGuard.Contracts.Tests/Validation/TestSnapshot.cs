using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Snapshots;

namespace GtmGuard.Contracts.Tests.Validation;

/// <summary>A tiny hand-made snapshot whose one operation and one webhook exercise every kind of finding.</summary>
internal static class TestSnapshot
{
    public const string Json = """
    {
      "openapi": "3.1.0",
      "info": { "title": "test", "version": "1", "x-gtmguard-vendor": "acme" },
      "paths": {
        "/things/{id}": {
          "get": {
            "operationId": "things.read",
            "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
            "responses": {
              "200": {
                "description": "ok",
                "headers": { "X-Limit": { "required": true, "schema": { "type": "integer" } } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } }
              },
              "204": { "description": "nothing" },
              "4XX": { "description": "error", "content": { "application/json": { "schema": { "type": "object", "required": ["message"], "properties": { "message": { "type": "string" } } } } } }
            }
          }
        }
      },
      "webhooks": {
        "thing.changed": {
          "post": {
            "requestBody": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } } } } },
            "responses": { "200": { "description": "ok" } }
          }
        }
      },
      "x-gtmguard-webhook-name": { "field": "type", "perItem": true },
      "components": {
        "schemas": {
          "Thing": {
            "type": "object",
            "required": ["id", "name", "kind", "tags", "owner"],
            "properties": {
              "id": { "type": "string" },
              "name": { "type": "string" },
              "kind": { "type": "string", "enum": ["a", "b"] },
              "mood": { "type": "string", "x-extensible-enum": ["happy", "sad"] },
              "tags": { "type": "array", "items": { "type": "string" } },
              "owner": { "type": "object", "required": ["email"], "properties": { "email": { "type": "string", "format": "email" } } },
              "note": { "type": ["string", "null"] },
              "count": { "type": "integer" },
              "labels": { "type": "object", "additionalProperties": { "type": "string" } }
            }
          },
          "Event": {
            "type": "object",
            "required": ["type", "value"],
            "properties": { "type": { "type": "string", "enum": ["thing.changed"] }, "value": { "type": "string" } }
          }
        }
      }
    }
    """;

    public const string Valid = """{"id":"1","name":"n","kind":"a","mood":"happy","tags":["x"],"owner":{"email":"a@b.co"},"note":null,"count":3,"labels":{"any":"thing"}}""";

    private static readonly Lazy<Task<SnapshotSet>> Set = new(async () => new SnapshotSet([await SnapshotLoader.LoadJsonAsync(Json, "test.openapi.json", "acme")]));

    public static Task<SnapshotSet> LoadAsync() => Set.Value;

    public static RecordedExchange Response(string body, int status = 200, string path = "/things/1", IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json") => new()
    {
        Source = "test",
        Vendor = "acme",
        Method = "GET",
        Url = path,
        Status = status,
        ResponseBody = body,
        ResponseContentType = contentType,
        Headers = headers ?? new Dictionary<string, string>(),
    };

    /// <summary>Replaces one top-level member of <see cref="Valid"/> (or removes it when <paramref name="json"/> is null).</summary>
    public static string With(string name, string? json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        if (json is null)
        {
            node.Remove(name);
        }
        else
        {
            node[name] = System.Text.Json.Nodes.JsonNode.Parse(json);
        }

        return node.ToJsonString();
    }
}
