namespace GtmGuard.Simulators.Auth;

/// <summary>What the simulator knows of a presented token.</summary>
public enum TokenState
{
    Valid,
    Missing,
    Unknown,
    Expired,
    Revoked,
}
