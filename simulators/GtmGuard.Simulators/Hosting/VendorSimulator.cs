using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Control;
using GtmGuard.Simulators.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GtmGuard.Simulators.Hosting;

/// <summary>
/// One vendor on its own WireMock server: built-in routes behind the pipeline, a vendor-shaped
/// fallback for unknown paths, GtmGuard's control API and WireMock's admin API.
/// </summary>
public abstract partial class VendorSimulator : IAsyncDisposable
{
    /// <summary>Built-ins sit below WireMock's default priority so user mappings override them.</summary>
    internal const int BuiltInPriority = 1_000_000;
    internal const int ControlPriority = -1_000_000;

    private WireMockServer? _server;
    private int _disposed;

    protected VendorSimulator(string name, SimulatorSettings settings, TimeProvider clock, ILoggerFactory loggers)
    {
        Name = name;
        Settings = settings;
        Clock = clock;
        Logger = loggers.CreateLogger("GtmGuard.Simulators." + name);
        Tokens = new TokenStore(clock);
        Chaos = new ChaosEngine(clock, OnChaosAction);
    }

    /// <summary>The vendor's lower-case name: <c>hubspot</c>, <c>salesforce</c>…</summary>
    public string Name { get; }

    public TimeProvider Clock { get; }

    public TokenStore Tokens { get; }

    public ChaosEngine Chaos { get; }

    public SimulatorSettings Settings { get; }

    /// <summary>Outbound webhooks, for vendors that send them (null otherwise).</summary>
    public WebhookDispatcher? Webhooks { get; private set; }

    /// <summary>The secret a subscription created through the control API signs with when none is given.</summary>
    public virtual string? DefaultWebhookSecret => null;

    internal ControlRoutes ControlRoutes { get; } = new();

    public WireMockServer Server => _server ?? throw new InvalidOperationException($"The {Name} simulator has not started.");

    /// <summary>The simulator's address on the bind address, e.g. <c>http://127.0.0.1:5102</c>.</summary>
    public string BaseUrl => $"http://{Settings.BindAddress}:{Server.Ports[0]}";

    protected ILogger Logger { get; }

    protected abstract int Port { get; }

    /// <summary>The vendor's error bodies, auth and quota policy.</summary>
    public abstract IVendorDialect Dialect { get; }

    /// <summary>The vendor operations this simulator serves.</summary>
    public abstract IReadOnlyList<SimRoute> Routes { get; }

    /// <summary>Credentials a client needs, for the start-up banner and <c>GET /__gtmguard/info</c>.</summary>
    public abstract IReadOnlyDictionary<string, string> Credentials { get; }

    /// <summary>Object type → record count.</summary>
    public abstract IReadOnlyDictionary<string, int> StateSummary();

    /// <summary>Every record of one object type, or null when the type is unknown.</summary>
    public abstract object? StateDump(string objectType);

    /// <summary>
    /// Records <paramref name="offset"/> … <paramref name="offset"/> + <paramref name="limit"/> − 1 of one object type in
    /// the order of <see cref="StateDump(string)"/>, or null when the type is unknown: a page, so a store of millions is
    /// read without one response (or one copy) holding it whole.
    /// </summary>
    public virtual object? StateDump(string objectType, int offset, int limit) =>
        StateDump(objectType) is System.Collections.IEnumerable all ? all.Cast<object>().Skip(offset).Take(limit).ToList() : null;

    /// <summary>Forgets every record; credentials stay.</summary>
    public abstract void ResetState();

    public void Start()
    {
        var settings = new WireMockServerSettings
        {
            Urls = [$"http://{Settings.BindAddress}:{(Port == 0 ? FreePort.Find(Settings.BindAddress) : Port)}"],
            StartAdminInterface = true,
            MaxRequestLogCount = Settings.RequestJournalSize,
            // The admin API (POST /__admin/mappings) reads mappings only from a parsed JSON body; handlers read raw bytes either way.
            DisableJsonBodyParsing = false,
            DisableDeserializeFormUrlEncoded = true,
            Logger = new WireMock.Logging.WireMockNullLogger(),
            PreWireMockMiddlewareInit = app => ConnectionReset.Install((IApplicationBuilder)app, () => Chaos.CanResetConnections),
        };
        _server = WireMockServer.Start(settings);
        RegisterRoutes();
        ControlApi.Map(this);
        LoadUserMappings();
        Webhooks?.Start();
        OnStarted();
        LogStarted(Logger, Name, BaseUrl);
    }

    /// <summary>Gives this simulator an outbound webhook dispatcher speaking the vendor's protocol; call from the constructor.</summary>
    protected WebhookDispatcher UseWebhooks(IWebhookProtocol protocol) =>
        Webhooks = new WebhookDispatcher(Name, protocol, Chaos, Settings.Webhooks, Clock, Logger);

    /// <summary>Called once the server listens, for vendor-specific start-up (token seeding, workers).</summary>
    protected virtual void OnStarted()
    {
    }

    protected virtual void OnChaosAction(ChaosAction action)
    {
        var count = action switch
        {
            ChaosAction.ExpireTokens => Tokens.ExpireAll(),
            ChaosAction.RevokeTokens => Tokens.RevokeAll(includeRefreshTokens: false),
            _ => 0,
        };
        LogChaosAction(Logger, Name, action, count);
    }

    public virtual async ValueTask DisposeAsync()
    {
        // The host stops simulators and the container disposes them again; the second call does nothing.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (Webhooks is not null)
        {
            await Webhooks.DisposeAsync().ConfigureAwait(false);
        }

        Chaos.Dispose();
        _server?.Stop();
        _server?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// One WireMock mapping per vendor dispatches to the built-in routes: WireMock scores every mapping on
    /// every request, so dozens of per-route mappings would cost more than the handlers themselves.
    /// Unknown paths and methods get the vendor's own 404/405 rather than WireMock's.
    /// </summary>
    private void RegisterRoutes()
    {
        var pipeline = new RequestPipeline(Name, Dialect, Chaos, Settings, Clock, Logger);
        var routes = new RouteTable(Routes);
        Server
            .Given(Request.Create().WithPath(path => !IsReserved(path)).UsingAnyMethod())
            .AtPriority(BuiltInPriority)
            .WithTitle($"{Name} built-in routes")
            .RespondWith(Response.Create().WithCallback(message => routes.Find(message.Method, message.AbsolutePath) is { } match
                ? pipeline.HandleAsync(match, message)
                : Task.FromResult<WireMock.IResponseMessage>(Fallback(message, routes))));
    }

    /// <summary>WireMock's admin API and GtmGuard's control API are never vendor paths.</summary>
    private static bool IsReserved(string path) =>
        path.StartsWith("/__admin", StringComparison.Ordinal) || path.StartsWith(ControlApi.Prefix, StringComparison.Ordinal);

    private WireMock.ResponseMessage Fallback(WireMock.IRequestMessage message, RouteTable routes)
    {
        var request = new SimRequest(message, new Dictionary<string, string>());
        var allowed = routes.AllowedMethods(message.AbsolutePath);
        var response = allowed.Count > 0 ? Dialect.MethodNotAllowed(request, allowed) : Dialect.NotFound(request);
        Dialect.Decorate(request, response);
        return response.ToMessage();
    }

    private void LoadUserMappings()
    {
        if (Settings.MappingsFolder is null)
        {
            return;
        }

        var folder = Path.Combine(Settings.MappingsFolder, Name);
        if (Directory.Exists(folder))
        {
            Server.ReadStaticMappings(folder);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Vendor} simulator listening on {BaseUrl}")]
    private static partial void LogStarted(ILogger logger, string vendor, string baseUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Chaos timeline on {Vendor}: {Action} affected {Count} tokens")]
    private static partial void LogChaosAction(ILogger logger, string vendor, ChaosAction action, int count);
}
