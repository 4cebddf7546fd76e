using System.Globalization;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Clay;

/// <summary>Clay's error body is <c>{"message": "…"}</c> and nothing else, whatever the status.</summary>
internal static class ClayErrors
{
    public const string AuthenticationFailed = "Authentication failed";

    public const string OutOfCredits = "You have run out of credits. Upgrade your plan or wait for your credits to renew.";

    public static SimResponse Error(int status, string message) => SimResponse.Json(status, new Dictionary<string, string> { ["message"] = message });

    public static SimResponse BadRequest(string message) => Error(400, message);

    public static SimResponse Unprocessable(string message) => Error(422, message);

    public static SimResponse NotFound(string message) => Error(404, message);

    public static SimResponse PaymentRequired() => Error(402, OutOfCredits);

    public static SimResponse CapReached(int cap) =>
        Error(403, $"This webhook source has reached its limit of {Count(cap)} submissions. Create a new webhook source.");

    public static SimResponse CapWouldBeExceeded(int cap, long remaining, int rows) =>
        Error(403, $"This webhook source accepts {Count(remaining)} more of its {Count(cap)} submissions; this request has {Count(rows)} rows. Create a new webhook source.");

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
