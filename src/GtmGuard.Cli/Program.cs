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

return await root.Parse(args).InvokeAsync();
