using BenchmarkDotNet.Running;

// dotnet run -c Release --project contracts/GtmGuard.Contracts.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
