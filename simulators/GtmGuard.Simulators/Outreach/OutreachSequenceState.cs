using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A prospect's place in a sequence: state, current step and engagement counts.</summary>
internal sealed class OutreachSequenceState : IOutreachResource
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Finished = "finished";

    /// <summary>Sequence step ids are synthetic: the sequence id times 1000 plus the step's position.</summary>
    public const long StepIdFactor = 1000;

    public required long Id { get; init; }

    public string Type => "sequenceState";

    public required long ProspectId { get; init; }

    public required long SequenceId { get; init; }

    public required long MailboxId { get; init; }

    public required long UserId { get; init; }

    public string State { get; set; } = Active;

    /// <summary>The step whose mailing goes out next (1-based).</summary>
    public int Step { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset StateChangedAt { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    public string? PauseReason { get; set; }

    public int DeliverCount { get; set; }

    public int OpenCount { get; set; }

    public int ReplyCount { get; set; }

    public int OptOutCount { get; set; }

    public bool IsActive => State is Active or Paused;

    public JsonObject Attributes() => new()
    {
        ["activeAt"] = OutreachTime.Node(CreatedAt),
        ["bounceCount"] = 0,
        ["callCompletedAt"] = null,
        ["clickCount"] = 0,
        ["createdAt"] = OutreachTime.Node(CreatedAt),
        ["deliverCount"] = DeliverCount,
        ["errorReason"] = null,
        ["failureCount"] = 0,
        ["negativeReplyCount"] = 0,
        ["neutralReplyCount"] = 0,
        ["openCount"] = OpenCount,
        ["optOutCount"] = OptOutCount,
        ["pauseReason"] = PauseReason,
        ["positiveReplyCount"] = 0,
        ["repliedAt"] = OutreachTime.Node(RepliedAt),
        ["replyCount"] = ReplyCount,
        ["scheduleCount"] = DeliverCount,
        ["state"] = State,
        ["stateChangedAt"] = OutreachTime.Node(StateChangedAt),
        ["updatedAt"] = OutreachTime.Node(UpdatedAt),
    };

    public JsonObject Relationships(string baseUrl) => new()
    {
        ["creator"] = OutreachJson.ToOne("user", UserId),
        ["mailbox"] = OutreachJson.ToOne("mailbox", MailboxId),
        ["mailings"] = OutreachJson.ToMany(baseUrl, "mailing", "sequenceState", Id),
        ["prospect"] = OutreachJson.ToOne("prospect", ProspectId),
        ["sequence"] = OutreachJson.ToOne("sequence", SequenceId),
        ["sequenceStep"] = OutreachJson.ToOne("sequenceStep", (SequenceId * StepIdFactor) + Step),
        ["user"] = OutreachJson.ToOne("user", UserId),
    };
}
