using System.Globalization;
using GtmGuard.Simulators.Chaos;

namespace GtmGuard.LoadTests.Models;

/// <summary>Builds a <see cref="LoadModel"/> from command-line values; anything inconsistent throws <see cref="ArgumentException"/> naming the option.</summary>
public static class LoadModelParser
{
    /// <summary>
    /// <c>open</c> needs a rate, <c>ramping</c> a ramp (<c>START,RATE@DURATION,…</c>, e.g. <c>0,1000@30s,1000@60s</c>),
    /// <c>closed</c> a concurrency; null everywhere means the scenario's default model.
    /// </summary>
    public static LoadModel? Parse(string? model, double? rate, string? ramp, int? concurrency, string? duration, long? records, string? warmUp)
    {
        if (model is null && rate is null && ramp is null && concurrency is null && duration is null && records is null && warmUp is null)
        {
            return null;
        }

        model ??= ramp is not null ? "ramping" : concurrency is not null ? "closed" : "open";
        LoadModel built = model.ToLowerInvariant() switch
        {
            "open" => new ConstantArrivalRate(rate is > 0 && double.IsFinite(rate.Value) ? rate.Value : throw new ArgumentException("--model open needs --rate N (records per second, a finite number above 0).")),
            "ramping" => ParseRamp(ramp ?? throw new ArgumentException("--model ramping needs --ramp START,RATE@DURATION,… e.g. 0,1000@30s,1000@60s.")),
            "closed" => new ConstantConcurrency(concurrency is > 0 ? concurrency.Value : throw new ArgumentException("--model closed needs --concurrency N (above 0).")),
            _ => throw new ArgumentException($"--model '{model}' is not a load model; use open, ramping or closed."),
        };
        if (records is <= 0)
        {
            throw new ArgumentException("--records must be above 0.");
        }

        var limit = duration is null ? (TimeSpan?)null : Duration(duration, "--duration");
        if (built is RampingArrivalRate r && limit is null && records is null)
        {
            limit = TimeSpan.FromTicks(r.Stages.Sum(s => s.Duration.Ticks));
        }

        if (limit is null && records is null)
        {
            throw new ArgumentException("Give --duration or --records (or both) to bound the run.");
        }

        return built with { Duration = limit, Records = records, WarmUp = warmUp is null ? TimeSpan.Zero : Duration(warmUp, "--warm-up") };
    }

    private static RampingArrivalRate ParseRamp(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // NaN compares false with everything, so "not below 0" alone would let it through and no arrival would ever be due.
        if (parts.Length < 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var start) || !(start >= 0) || !double.IsFinite(start))
        {
            throw new ArgumentException($"--ramp '{text}' must be START,RATE@DURATION,… e.g. 0,1000@30s,1000@60s.");
        }

        var stages = parts.Skip(1).Select(part =>
        {
            var at = part.Split('@');
            if (at.Length != 2 || !double.TryParse(at[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var target) || !(target >= 0) || !double.IsFinite(target))
            {
                throw new ArgumentException($"--ramp stage '{part}' must be RATE@DURATION, e.g. 1000@30s.");
            }

            return new RampStage(Duration(at[1], "--ramp"), target);
        }).ToList();
        return new RampingArrivalRate(start, stages);
    }

    public static TimeSpan Duration(string text, string option)
    {
        try
        {
            return ChaosPlanParser.ParseDuration(text, option);
        }
        catch (ChaosPlanException ex)
        {
            throw new ArgumentException($"{option} '{text}' is not a duration such as 500ms, 30s, 5m ({ex.Message}).", ex);
        }
    }
}
