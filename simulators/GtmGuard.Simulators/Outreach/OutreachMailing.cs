using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// One email of a sequence step. <c>optOut</c> is a simulator extension (not an Outreach attribute): true when the
/// prospect's reply opted them out; Outreach's own <c>unsubscribedAt</c> is set alongside it.
/// </summary>
internal sealed class OutreachMailing : IOutreachResource
{
    public const string Delivered = "delivered";
    public const string Opened = "opened";
    public const string Replied = "replied";

    public required long Id { get; init; }

    public string Type => "mailing";

    public required long ProspectId { get; init; }

    public required long SequenceStateId { get; init; }

    public required long SequenceId { get; init; }

    public required long MailboxId { get; init; }

    public required string MailboxAddress { get; init; }

    public required long UserId { get; init; }

    public required int Step { get; init; }

    public required string Subject { get; init; }

    public string State { get; set; } = Delivered;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset StateChangedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public int OpenCount { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

    public bool OptOut { get; set; }

    public JsonObject Attributes() => new()
    {
        ["bodyHtml"] = $"<p>{Subject}</p>",
        ["bodyText"] = Subject,
        ["bouncedAt"] = null,
        ["clickCount"] = 0,
        ["clickedAt"] = null,
        ["createdAt"] = OutreachTime.Node(CreatedAt),
        ["deliveredAt"] = OutreachTime.Node(DeliveredAt),
        ["errorReason"] = null,
        ["mailboxAddress"] = MailboxAddress,
        ["mailingType"] = "sequence",
        ["markedAsSpamAt"] = null,
        ["openCount"] = OpenCount,
        ["openedAt"] = OutreachTime.Node(OpenedAt),
        ["optOut"] = OptOut,
        ["repliedAt"] = OutreachTime.Node(RepliedAt),
        ["scheduledAt"] = OutreachTime.Node(CreatedAt),
        ["state"] = State,
        ["stateChangedAt"] = OutreachTime.Node(StateChangedAt),
        ["subject"] = Subject,
        ["trackLinks"] = true,
        ["trackOpens"] = true,
        ["unsubscribedAt"] = OutreachTime.Node(UnsubscribedAt),
        ["updatedAt"] = OutreachTime.Node(UpdatedAt),
    };

    public JsonObject Relationships(string baseUrl) => new()
    {
        ["mailbox"] = OutreachJson.ToOne("mailbox", MailboxId),
        ["prospect"] = OutreachJson.ToOne("prospect", ProspectId),
        ["sequence"] = OutreachJson.ToOne("sequence", SequenceId),
        ["sequenceState"] = OutreachJson.ToOne("sequenceState", SequenceStateId),
        ["sequenceStep"] = OutreachJson.ToOne("sequenceStep", (SequenceId * OutreachSequenceState.StepIdFactor) + Step),
        ["user"] = OutreachJson.ToOne("user", UserId),
    };
}
