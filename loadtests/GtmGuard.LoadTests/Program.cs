using GtmGuard.LoadTests.Cli;

// The same command as `gtmguard load`, runnable on its own: dotnet run --project loadtests/GtmGuard.LoadTests -- --scenario enrichment
var load = LoadCommand.Create("gtmguard-load");
return await load.Parse(args).InvokeAsync();
