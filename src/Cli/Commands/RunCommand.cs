using System.CommandLine;
using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Commands;

/// <summary>A SequentialJob ready to create, and the namespace its manifest asked for (null: the default one).</summary>
/// <param name="Object">The SequentialJob.</param>
/// <param name="Namespace">The namespace from <c>-n</c> or the manifest, or null.</param>
internal sealed record PlannedRun(JsonObject Object, string? Namespace);

/// <summary>
/// The <c>run</c> command: wraps the Pods and Jobs of a manifest into SequentialJobs (<see cref="RunWrapper"/>) and
/// creates them. Every document is checked, then every object is created with a server-side dry run, before
/// anything is written: an error anywhere writes nothing.
/// </summary>
internal static class RunCommand
{
    /// <summary>The field manager of the objects <c>run</c> creates.</summary>
    public const string FieldManager = "kueueleuleu";

    /// <summary>Builds the command; its action writes through <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var filename = new Option<string>("--filename", "-f")
        {
            Description = "The Pod or Job manifest (one or more documents), or - for standard input.",
            HelpName = "FILE|-",
            Required = true,
        };
        var name = new Option<string?>("--name")
        {
            Description = "The SequentialJob's name. Default: the manifest's metadata.name (or generateName).",
            HelpName = "NAME",
        };
        var cluster = new ClusterOptions();
        var command = new Command("run", "Run a plain Pod or Job manifest as a SequentialJob: its containers become steps run one after the other.") { filename, name };
        cluster.AddTo(command);
        command.SetAction(result => Execute(console, result.GetValue(filename)!, result.GetValue(name), cluster.Read(result)));
        return command;
    }

    /// <summary>
    /// Reads and wraps every document of <paramref name="sources"/>; pure (no cluster). Errors name the file, the
    /// document and the field.
    /// </summary>
    public static (List<PlannedRun> Runs, List<Diagnostic> Errors) Plan(IReadOnlyList<InputSource> sources, string? name, string? namespaceFlag)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var runs = new List<PlannedRun>();
        var errors = new List<Diagnostic>();
        var documents = 0;
        foreach (var source in sources)
        {
            SourceReader.Read(source, new InputBudget(InputBudget.DefaultLimit), ReadLimits.Default, streamListItems: false, document =>
            {
                documents++;
                PlanDocument(source.Name, document, name, namespaceFlag, runs, errors);
            }, errors.Add);
        }

        if (errors.Count == 0 && documents == 0)
        {
            errors.Add(new Diagnostic(string.Join(", ", sources.Select(s => s.Name)), "no Pod or Job found"));
        }

        if (name is not null && documents > 1)
        {
            errors.Add(new Diagnostic(string.Join(", ", sources.Select(s => s.Name)), $"--name names one SequentialJob, but the input has {documents} documents"));
        }

        return errors.Count == 0 ? (runs, errors) : ([], errors);
    }

    private static void PlanDocument(string source, ReadDocument document, string? name, string? namespaceFlag, List<PlannedRun> runs, List<Diagnostic> errors)
    {
        if (document.Root is not JsonObject root)
        {
            errors.Add(new Diagnostic(source, "expected a Pod or Job (a mapping with apiVersion and kind)") { Document = document.Number });
            return;
        }

        var label = ObjectLabel.For(root);
        var wrapped = RunWrapper.Wrap(root, name);
        errors.AddRange(wrapped.Errors.Select(e => new Diagnostic(source, e.Message) { Document = document.Number, Object = label, Path = e.Path }));
        if (!wrapped.Succeeded)
        {
            return;
        }

        var sequentialJob = wrapped.SequentialJob!;
        var manifestNamespace = (string?)sequentialJob["metadata"]?["namespace"];
        if (namespaceFlag is { Length: > 0 } && manifestNamespace is not null && manifestNamespace != namespaceFlag)
        {
            errors.Add(new Diagnostic(source, $"is namespace \"{manifestNamespace}\", which does not match -n {namespaceFlag}; remove one of them")
            {
                Document = document.Number,
                Object = label,
                Path = "metadata.namespace",
            });
            return;
        }

        runs.Add(new PlannedRun(sequentialJob, namespaceFlag is { Length: > 0 } ? namespaceFlag : manifestNamespace));
    }

    private static int Execute(CliConsole console, string filename, string? name, ClusterSelection selection)
    {
        if (string.IsNullOrWhiteSpace(filename) || (name is not null && string.IsNullOrWhiteSpace(name)))
        {
            console.Error.WriteLine(string.IsNullOrWhiteSpace(filename) ? "error: -f needs a file name or -" : "error: --name needs a name");
            console.Error.WriteLine("Run 'kueueleuleu run --help' for usage.");
            return ExitCodes.UsageError;
        }

        var (sources, readErrors) = InputCollector.Collect([filename], recursive: false, console.OpenStandardInput);
        var (runs, errors) = readErrors.Count > 0 ? ([], readErrors) : Plan(sources, name, selection.Namespace);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                console.Error.WriteLine(error.ToString());
            }

            return ClusterErrors.Failure;
        }

        return ClusterCommandRunner.Run(console, selection, (connection, cancel) => CreateAllAsync(console, connection, runs, cancel));
    }

    private static async Task<int> CreateAllAsync(CliConsole console, ClusterConnection connection, List<PlannedRun> runs, CancellationToken cancel)
    {
        // A dry run of every object first: the server's checks (schema, name taken, RBAC) fail before any write.
        foreach (var run in runs)
        {
            await CreateAsync(connection, run, dryRun: true, cancel);
        }

        foreach (var run in runs)
        {
            var created = await CreateAsync(connection, run, dryRun: false, cancel);
            console.Out.WriteLine($"{SequentialJobApi.Singular}.{SequentialJobApi.Group}/{(string?)created["metadata"]?["name"]} created");
            console.Out.Flush();
        }

        return 0;
    }

    private static async Task<JsonObject> CreateAsync(ClusterConnection connection, PlannedRun run, bool dryRun, CancellationToken cancel)
    {
        var ns = run.Namespace ?? connection.Namespace;
        var obj = (JsonObject)run.Object.DeepClone();
        obj["metadata"]!["namespace"] = ns;
        var name = (string?)obj["metadata"]?["name"] ?? (string?)obj["metadata"]?["generateName"] + "*";
        try
        {
            return await connection.Client.CreateAsync(ClusterConnection.SequentialJobs, ns, obj, new WriteOptions { FieldManager = FieldManager, DryRun = dryRun }, cancel);
        }
        catch (KubernetesAlreadyExistsException)
        {
            throw new ClusterCommandException($"sequentialjob \"{name}\" already exists in namespace \"{ns}\"; delete it (kubectl delete sjob {name} -n {ns}) or pass --name");
        }
        catch (KubernetesInvalidException e)
        {
            throw new ClusterCommandException($"sequentialjob \"{name}\" is invalid: {e.Status.Message}");
        }
    }
}
