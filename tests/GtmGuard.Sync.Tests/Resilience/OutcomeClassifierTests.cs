using System.Net;
using System.Text;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GtmGuard.Sync.Tests.Resilience;

/// <summary>Each vendor's documented error shapes (vendor-facts §1.9, §2.6, §3.5, §4.3) and transport failures.</summary>
public sealed class OutcomeClassifierTests
{
    [Theory]
    [InlineData(403, """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""", VendorOutcome.RateLimited)]
    [InlineData(403, """[{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY"}]""", VendorOutcome.Unauthorized)]
    [InlineData(401, """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", VendorOutcome.Unauthorized)]
    [InlineData(400, """[{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]""", VendorOutcome.Validation)]
    [InlineData(400, """[{"message":"duplicate value found: Ext__c duplicates value on record with id: 001","errorCode":"DUPLICATE_VALUE","fields":[]}]""", VendorOutcome.Validation)]
    [InlineData(300, """["/services/data/v62.0/sobjects/Contact/003A","/services/data/v62.0/sobjects/Contact/003B"]""", VendorOutcome.Validation)]
    [InlineData(404, """[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]""", VendorOutcome.NotFound)]
    [InlineData(410, """[{"message":"API version retired","errorCode":"GONE"}]""", VendorOutcome.NotFound)]
    [InlineData(503, """[{"message":"Service temporarily unavailable.","errorCode":"SERVER_UNAVAILABLE"}]""", VendorOutcome.ServerError)]
    [InlineData(201, """{"id":"003A","success":true,"errors":[],"created":true}""", VendorOutcome.Success)]
    public Task Salesforce(int status, string body, VendorOutcome expected) => AssertOutcome(VendorId.Salesforce, status, body, expected);

    [Theory]
    [InlineData(409, """{"status":"error","message":"Contact already exists. Existing ID: 37765128953","category":"CONFLICT"}""", VendorOutcome.Validation)]
    [InlineData(400, """{"status":"error","message":"Property values were not valid","category":"VALIDATION_ERROR"}""", VendorOutcome.Validation)]
    [InlineData(401, """{"status":"error","message":"The OAuth token used to make this call expired 0 second(s) ago.","category":"EXPIRED_AUTHENTICATION"}""", VendorOutcome.Unauthorized)]
    [InlineData(403, """{"status":"error","message":"This app hasn't been granted all required scopes","category":"MISSING_SCOPES"}""", VendorOutcome.Unauthorized)]
    [InlineData(404, """{"status":"error","message":"Object not found.","category":"OBJECT_NOT_FOUND"}""", VendorOutcome.NotFound)]
    [InlineData(429, """{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","policyName":"DAILY"}""", VendorOutcome.RateLimited)]
    [InlineData(423, "", VendorOutcome.RateLimited)]
    [InlineData(477, "", VendorOutcome.RateLimited)]
    [InlineData(502, "", VendorOutcome.ServerError)]
    [InlineData(524, "", VendorOutcome.Timeout)]
    [InlineData(207, """{"status":"COMPLETE","results":[],"numErrors":1,"errors":[]}""", VendorOutcome.Success)]
    public Task HubSpot(int status, string body, VendorOutcome expected) => AssertOutcome(VendorId.HubSpot, status, body, expected);

    [Theory]
    [InlineData(422, """{"errors":[{"id":"validationError","source":{"pointer":"/data"},"title":"Validation Error","detail":"Contacts email hash has already been taken."}]}""", VendorOutcome.Validation)]
    [InlineData(429, """{"errors":[{"id":"rateLimitExceeded","title":"Rate Limit Exceeded","detail":"You have exceeded your permitted rate limit of 10,000"}]}""", VendorOutcome.RateLimited)]
    [InlineData(415, """{"errors":[{"id":"unsupportedMediaType","title":"Unsupported Media Type","details":"Expected Content-Type header to be 'application/vnd.api+json'."}]}""", VendorOutcome.Validation)]
    [InlineData(404, """{"errors":[{"id":"resourceNotFound","title":"Resource Not Found","detail":"Could not find 'prospect' with ID '1'."}]}""", VendorOutcome.NotFound)]
    [InlineData(403, """{"errors":[{"id":"unauthorizedOauthScope","title":"Unauthorized","detail":"Your authorization does not include the required scope 'prospects.read'."}]}""", VendorOutcome.Unauthorized)]
    [InlineData(503, """{"errors":[{"id":"scheduledServerMaintenance","title":"Scheduled Server Maintenance","detail":"try again at 2026-01-01T00:00:00"}]}""", VendorOutcome.ServerError)]
    public Task Outreach(int status, string body, VendorOutcome expected) => AssertOutcome(VendorId.Outreach, status, body, expected);

    [Theory]
    [InlineData(401, """{"message":"Authentication failed"}""", VendorOutcome.Unauthorized)]
    [InlineData(402, """{"message":"Insufficient credits"}""", VendorOutcome.RateLimited)]
    [InlineData(413, """{"message":"Payload too large"}""", VendorOutcome.Validation)]
    [InlineData(429, """{"message":"Rate limit exceeded"}""", VendorOutcome.RateLimited)]
    public Task Clay(int status, string body, VendorOutcome expected) => AssertOutcome(VendorId.Clay, status, body, expected);

    [Fact]
    public void TransportFailures_MapToTheirOutcomes()
    {
        Assert.Equal(VendorOutcome.Network, Classify(new HttpRequestException("Connection refused")));
        Assert.Equal(VendorOutcome.Timeout, Classify(new TimeoutRejectedException()));
        Assert.Equal(VendorOutcome.Timeout, Classify(new TaskCanceledException("HttpClient.Timeout", new TimeoutException())));
        Assert.Equal(VendorOutcome.ServerError, Classify(new BrokenCircuitException()));
        Assert.Equal(VendorOutcome.Unauthorized, Classify(new TokenRequestException(VendorOutcome.Unauthorized, "invalid_grant")));
        Assert.False(OutcomeClassifier.TryClassify(new InvalidOperationException("a bug"), CancellationToken.None, out _));
    }

    [Fact]
    public void CallersOwnCancellation_IsNotAVendorOutcome()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(OutcomeClassifier.TryClassify(new OperationCanceledException(cancelled.Token), cancelled.Token, out _));
    }

    [Theory]
    [InlineData(VendorOutcome.RateLimited, true)]
    [InlineData(VendorOutcome.ServerError, true)]
    [InlineData(VendorOutcome.Timeout, true)]
    [InlineData(VendorOutcome.Network, true)]
    [InlineData(VendorOutcome.Validation, false)]
    [InlineData(VendorOutcome.NotFound, false)]
    [InlineData(VendorOutcome.Unauthorized, false)]
    public void OnlyTransientOutcomes_AreRetried(VendorOutcome outcome, bool retried) =>
        Assert.Equal(retried, OutcomeClassifier.IsTransient(outcome));

    [Theory]
    [InlineData("""[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", "INVALID_SESSION_ID: Session expired or invalid")]
    [InlineData("""{"status":"error","message":"Contact already exists.","category":"CONFLICT"}""", "CONFLICT: Contact already exists.")]
    [InlineData("""{"errors":[{"id":"validationError","title":"Validation Error","detail":"Contacts email hash has already been taken."}]}""", "validationError: Contacts email hash has already been taken.")]
    [InlineData("""{"message":"Authentication failed"}""", "Authentication failed")]
    [InlineData("not json", "not json")]
    public void ErrorText_NamesTheVendorsCodeAndMessage(string body, string expected) =>
        Assert.Equal(expected, VendorErrorText.From(body));

    private static VendorOutcome Classify(Exception exception) =>
        OutcomeClassifier.TryClassify(exception, CancellationToken.None, out var outcome) ? outcome : throw new InvalidOperationException("not classified");

    private static async Task AssertOutcome(VendorId vendor, int status, string body, VendorOutcome expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var outcome = await OutcomeClassifier.ClassifyAsync(vendor, response);

        Assert.Equal(expected, outcome);
    }
}
