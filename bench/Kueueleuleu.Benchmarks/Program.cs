using Kueueleuleu.Benchmarks;

// Benchmarks are programs, not tests: they print a Markdown section for docs/benchmarks.md.
//   dotnet run -c Release --project bench/Kueueleuleu.Benchmarks -- handoff|cli|all|operator|sidebyside
var which = args.FirstOrDefault() ?? "all";
Console.WriteLine(Machine.Describe());
if (which is "handoff" or "all")
{
    await HandOffBenchmark.RunAsync();
}

if (which is "cli" or "all")
{
    await CliBenchmark.RunAsync();
}

if (which is "operator") await OperatorBenchmark.RunAsync(); // needs the local cluster, so not part of "all"
if (which is "sidebyside") await SideBySideBenchmark.RunAsync(); // likewise

return 0;
