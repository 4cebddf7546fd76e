using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Control;
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
    internal const int FallbackPriority = 2_000_000;
    internal const int ControlPriority = -1_000_000;

    private WireMockServer? _server;

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

    public WireMockServer Server => _server ?? throw new InvalidOperationException($"The {Name} simulator has not started.");

    public string BaseUrl => Server.Url!;

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
            DisableRequestBodyDecompressing = false,
            Logger = new WireMock.Logging.WireMockNullLogger(),
        };
        _server = WireMockServer.Start(settings);
        RegisterRoutes();
        ControlApi.Map(this);
        LoadUserMappings();
        OnStarted();
        LogStarted(Logger, Name, BaseUrl);
    }

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

    public virtual ValueTask DisposeAsync()
    {
        Chaos.Dispose();
        _server?.Stop();
        _server?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private void RegisterRoutes()
    {
        var pipeline = new RequestPipeline(Name, Dialect, Chaos, Settings, Clock, Logger);
        foreach (var route in Routes)
        {
            Server
                .Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher(route.PathPattern)).UsingMethod(route.Method))
                .AtPriority(BuiltInPriority)
                .WithTitle($"{Name} {route.Operation}")
                .RespondWith(Response.Create().WithCallback(message => pipeline.HandleAsync(route, message)));
        }

        // Unknown paths and methods get the vendor's own 404/405 rather than WireMock's.
        Server
            .Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/(?!__admin).*")).UsingAnyMethod())
            .AtPriority(FallbackPriority)
            .WithTitle($"{Name} fallback")
            .RespondWith(Response.Create().WithCallback(message => Fallback(message)));
    }

    private WireMock.ResponseMessage Fallback(WireMock.IRequestMessage message)
    {
        var request = new SimRequest(message, new Dictionary<string, string>());
        var allowed = Routes.Where(r => r.Matches(message.AbsolutePath)).Select(r => r.Method).Distinct().ToArray();
        var response = allowed.Length > 0 ? Dialect.MethodNotAllowed(request, allowed) : Dialect.NotFound(request);
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
