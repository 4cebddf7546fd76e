using System.Net;
using System.Net.Http.Headers;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Auth;

/// <summary>
/// Attaches the account's credential and, on a 401, refreshes it once (shared with every concurrent caller that saw
/// the same token) and replays the request once; a second 401 is returned as is and ends as Unauthorized.
/// Requests addressed to <see cref="AccessToken.InstancePlaceholder"/> are moved onto the token's instance URL.
/// </summary>
internal sealed partial class AuthHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<Uri> PlaceholderUri = new("gtmguard.placeholderUri");

    private readonly ITokenSource _tokens;
    private readonly VendorId _vendor;
    private readonly ILogger _logger;

    public AuthHandler(ITokenSource tokens, VendorId vendor, ILogger logger)
    {
        _tokens = tokens;
        _vendor = vendor;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Apply(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        AccessToken fresh;
        try
        {
            fresh = await _tokens.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        // A static credential that has not changed would only be refused again.
        if (fresh.Value == token.Value)
        {
            return response;
        }

        response.Dispose();
        LogReplay(_vendor.Label(), VendorRequest.Operation(request));
        Apply(request, fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Apply(HttpRequestMessage request, AccessToken token)
    {
        if (_tokens.HeaderName is { } header)
        {
            request.Headers.Remove(header);
            request.Headers.TryAddWithoutValidation(header, token.Value);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        Rebase(request, token);
    }

    private static void Rebase(HttpRequestMessage request, AccessToken token)
    {
        if (!request.Options.TryGetValue(PlaceholderUri, out var original))
        {
            if (request.RequestUri is not { IsAbsoluteUri: true } uri || uri.Authority != AccessToken.InstancePlaceholder.Authority)
            {
                return;
            }

            original = uri;
            request.Options.Set(PlaceholderUri, original);
        }

        if (token.InstanceUrl is null)
        {
            throw new TokenRequestException(Resilience.VendorOutcome.Unauthorized, "The token response carried no instance_url to send data calls to.");
        }

        request.RequestUri = new Uri(token.InstanceUrl, original.PathAndQuery);
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Auth {Vendor}: {Operation} was refused with 401; replaying once with a refreshed token")]
    private partial void LogReplay(string vendor, string operation);
}
