namespace GtmGuard.Simulators.Auth;

/// <summary>The result of looking up a token: its state and, when expired, since when.</summary>
public readonly record struct TokenCheck(TokenState State, DateTimeOffset? ExpiredAt = null, string? Subject = null)
{
    public bool IsValid => State == TokenState.Valid;
}
