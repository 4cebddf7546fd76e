using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Auth;

/// <summary>A credential could not be obtained; <see cref="Outcome"/> says how the vendor call that needed it ends.</summary>
internal sealed class TokenRequestException : Exception
{
    public TokenRequestException(VendorOutcome outcome, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Outcome = outcome;
    }

    public VendorOutcome Outcome { get; }
}
