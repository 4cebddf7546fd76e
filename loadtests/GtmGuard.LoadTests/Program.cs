using GtmGuard.LoadTests.Cli;

// The same command as `gtmguard load`, runnable on its own: dotnet run --project loadtests/GtmGuard.LoadTests -- --scenario enrichment
// plus `serve intake|bare` for external load generators.
var load = LoadCommand.Create("gtmguard-load");
load.Subcommands.Add(ServeCommand.Create());
return await load.Parse(args).InvokeAsync();
