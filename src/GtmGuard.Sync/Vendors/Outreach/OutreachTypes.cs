using System.Text.Json.Nodes;

namespace GtmGuard.Sync.Vendors.Outreach;

/// <summary>A prospect to create or update, keyed by email; <see cref="Attributes"/> are JSON:API attributes (firstName, company, externalId…).</summary>
public sealed record OutreachProspectInput(string Email, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>An Outreach prospect: its integer id, its emails and every attribute Outreach returned.</summary>
public sealed record OutreachProspect(long Id, IReadOnlyList<string> Emails, JsonObject Attributes);

/// <summary>The prospect after an idempotent create-or-update; <see cref="Created"/> is false when it already existed.</summary>
public sealed record OutreachUpsert(OutreachProspect Prospect, bool Created);

/// <summary>A prospect's membership of a sequence.</summary>
public sealed record OutreachSequenceState(long Id, long? SequenceId, string? State);

/// <summary>The result of enrolling: the sequence state, and whether the prospect was already active in the sequence.</summary>
public sealed record OutreachEnrollment(long? SequenceStateId, bool AlreadyEnrolled);
