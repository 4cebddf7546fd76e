using GtmGuard.LoadTests.Cli;

// The same command as `gtmguard load`, runnable on its own: dotnet run --project loadtests/GtmGuard.LoadTests -- --scenario enrichment
// plus `serve intake|bare` for external load generators and `simulators` (the child process of --simulators external).
var load = LoadCommand.Create("gtmguard-load");
load.Subcommands.Add(ServeCommand.Create());
load.Subcommands.Add(SimulatorsCommand.Create());
return await LoadCommand.InvokeAsync(load.Parse(args));
