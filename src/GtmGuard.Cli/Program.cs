using System.CommandLine;
using GtmGuard.Cli.Commands;

var root = new RootCommand("GtmGuard: build, break and watch GTM API integrations without touching production.")
{
    UpCommand.Create(),
    SimulateCommand.Create(),
    SyncCommand.Create(),
    ProbeCommand.Create(),
    DlqCommand.Create(),
    ContractsCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
