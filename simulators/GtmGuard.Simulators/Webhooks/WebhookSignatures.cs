namespace GtmGuard.Simulators.Webhooks;

/// <summary>Helpers for webhook signature headers.</summary>
internal static class WebhookSignatures
{
    /// <summary>Damages every signature header so receivers must reject the delivery.</summary>
    public static void Corrupt(HttpRequestMessage request)
    {
        foreach (var header in request.Headers.Where(h => h.Key.Contains("Signature", StringComparison.OrdinalIgnoreCase) && !h.Key.EndsWith("-Version", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            var value = header.Value.First();
            var damaged = (value[0] == 'A' ? 'B' : 'A') + value[1..];
            request.Headers.Remove(header.Key);
            request.Headers.TryAddWithoutValidation(header.Key, damaged);
        }
    }
}
