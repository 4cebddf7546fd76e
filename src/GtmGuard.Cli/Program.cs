using System.CommandLine;
using GtmGuard.Cli.Commands;
using GtmGuard.Contracts.Reports;
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

// Syntax errors (an unknown option, a value of the wrong type) exit with each command's documented usage code, never
// with a code that means a result: load 3 (bad arguments; 1 is "threshold breached"), contracts 3 (cannot check; 1 is
// "additive drift"), the others 2 (cannot start; sync's 1 is "dead-lettered").
return await UsageErrors.InvokeAsync(root.Parse(args), new Dictionary<string, int>
{
    ["load"] = LoadExitCodes.BadArguments,
    ["contracts"] = ContractReport.ExitCannotCheck,
    ["sync"] = SyncCommand.CannotStart,
    ["up"] = SyncCommand.CannotStart,
    ["simulate"] = SyncCommand.CannotStart,
    ["probe"] = SyncCommand.CannotStart,
    ["dlq"] = SyncCommand.CannotStart,
},
new Dictionary<string, int> { ["load"] = LoadExitCodes.CannotStart });
