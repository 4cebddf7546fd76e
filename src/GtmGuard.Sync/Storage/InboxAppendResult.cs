namespace GtmGuard.Sync.Storage;

/// <summary>What an inbox append stored: new events (pending) and copies of known event ids (stored as duplicates).</summary>
public sealed record InboxAppendResult(int Accepted, int Duplicates);
