using System.CommandLine;
using GtmGuard.Cli.Commands;
using GtmGuard.LoadTests.Cli;

var root = new RootCommand("GtmGuard: build, break and watch GTM API integrations without touching production.")
{
    UpCommand.Create(),
    SimulateCommand.Create(),
    SyncCommand.Create(),
    ProbeCommand.Create(),
    DlqCommand.Create(),
    ContractsCommand.Create(),
    LoadCommand.Create(),
};

// Syntax errors exit with each command's documented usage code: load 3 (bad arguments), sync 2 (cannot start).
return await UsageErrors.InvokeAsync(root.Parse(args), new Dictionary<string, int>
{
    ["load"] = LoadExitCodes.BadArguments,
    ["sync"] = SyncCommand.CannotStart,
});
