using System.Text;

namespace VpiBot.Bench;

/// <summary>
/// Inbound activities in the shape Teams sends (see /work/shared/samples/teams-activities/personal-message.json),
/// with unique ids. Measured turns get ids starting with <see cref="MeasuredPrefix"/>, warm-up turns do not.
/// </summary>
public static class Activities
{
    public const string MeasuredPrefix = "m-";
    public const int Conversations = 4;

    public static byte[] HealthCheck(string serviceUrl, string id, int user) => Json("invoke", """
          "name": "healthCheck",
          "value": {},
        """, serviceUrl, id, user);

    public static byte[] HelpMessage(string serviceUrl, string id, int user) => Json("message", """
          "text": "help",
          "textFormat": "plain",
        """, serviceUrl, id, user);

    private static byte[] Json(string type, string specific, string serviceUrl, string id, int user)
    {
        var conversation = user % Conversations;
        var json = $$"""
            {
              "type": "{{type}}",
            {{specific}}
              "id": "{{id}}",
              "from": { "id": "29:bench-user-{{conversation}}", "name": "Bench User {{conversation}}", "aadObjectId": "00000000-0000-0000-0000-00000000010{{conversation}}" },
              "timestamp": "2026-11-28T10:42:51.455Z",
              "localTimestamp": "2026-11-28T10:42:51.455+00:00",
              "localTimezone": "UTC",
              "serviceUrl": "{{serviceUrl}}",
              "conversation": { "conversationType": "personal", "tenantId": "00000000-0000-0000-0000-000000000001", "id": "a:1bench-conversation-{{conversation}}" },
              "recipient": { "id": "28:00000000-0000-0000-0000-000000000011", "name": "VpiBot" },
              "locale": "en-US",
              "entities": [ { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web", "timezone": "UTC" } ],
              "channelData": { "tenant": { "id": "00000000-0000-0000-0000-000000000001" } },
              "channelId": "msteams"
            }
            """;
        return Encoding.UTF8.GetBytes(json);
    }
}
