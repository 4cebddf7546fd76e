namespace GtmGuard.LoadTests.Metrics;

/// <summary>
/// When each record (by sequence number) was submitted and how often it was seen done, in chunked arrays so a run of
/// millions of records costs a few bytes per record and nothing is held per record beyond that.
/// </summary>
internal sealed class RecordLedger
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly Lock _gate = new();
    private readonly List<long[]> _submitted = [];
    private readonly List<int[]> _completions = [];

    public void Submitted(long sequence, long timestamp)
    {
        var (chunk, offset) = Locate(sequence);
        Volatile.Write(ref chunk.Submitted[offset], timestamp);
    }

    /// <summary>Counts one completion; returns the submit timestamp and whether this was the first completion.</summary>
    public (long SubmittedAt, bool First) Completed(long sequence)
    {
        var (chunk, offset) = Locate(sequence);
        var count = Interlocked.Increment(ref chunk.Completions[offset]);
        return (Volatile.Read(ref chunk.Submitted[offset]), count == 1);
    }

    private (Chunk Chunk, int Offset) Locate(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var index = (int)(sequence >> ChunkBits);
        lock (_gate)
        {
            while (_submitted.Count <= index)
            {
                _submitted.Add(new long[ChunkSize]);
                _completions.Add(new int[ChunkSize]);
            }

            return (new Chunk(_submitted[index], _completions[index]), (int)(sequence & (ChunkSize - 1)));
        }
    }

    private readonly record struct Chunk(long[] Submitted, int[] Completions);
}
