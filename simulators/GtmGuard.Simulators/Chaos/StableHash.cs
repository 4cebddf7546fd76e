namespace GtmGuard.Simulators.Chaos;

/// <summary>Process-independent hashing (string.GetHashCode is randomised per process) for reproducible chaos.</summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>SplitMix64 finaliser over two inputs.</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a + (b * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform draw in [0, 1) from the hash of the inputs.</summary>
    public static double Unit(ulong a, ulong b, ulong c) => (Mix(Mix(a, b), c) >> 11) * (1.0 / (1UL << 53));
}
