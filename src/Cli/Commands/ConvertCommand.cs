using System.CommandLine;
using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Cli.Images;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.StepProtocol.Reservation;

namespace Kueueleuleu.Cli.Commands;

/// <summary>The <c>convert</c> command: its options and the thin shell around <see cref="ConvertPipeline"/>.</summary>
internal static class ConvertCommand
{
    /// <summary>The environment variable that sets the default entrypoint image.</summary>
    public const string ImageVariable = "KUEUELEULEU_ENTRYPOINT_IMAGE";

    /// <summary>Builds the command; its action writes through <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var filename = new Option<string[]>("--filename", "-f")
        {
            Description = "A manifest file, a directory of *.yaml, *.yml and *.json files, or - for standard input. Repeatable. Default: standard input when it is a pipe.",
            HelpName = "FILE|DIR|-",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var recursive = new Option<bool>("--recursive", "-R")
        {
            Description = "Also read the manifests in subdirectories of directories given with -f.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "yaml",
        };
        output.AcceptOnlyFromAmong("yaml", "json");
        var image = new Option<string?>("--entrypoint-image")
        {
            Description = $"Image of the injected entrypoint init container. Default: ${ImageVariable}, else {ConversionOptions.DefaultEntrypointImage}.",
            HelpName = "IMAGE",
        };
        var requests = new Option<string>("--requests")
        {
            Description = "What the converted Pod requests: peak (per resource, the most the steps can use at once, carried by the injected init container; limits stay as written) or as-written (every request as written, so the Pod requests their sum).",
            DefaultValueFactory = _ => "peak",
            HelpName = "peak|as-written",
        };
        requests.AcceptOnlyFromAmong("peak", "as-written");
        var lookup = ImageLookupOptions.Create();

        var command = new Command("convert", "Convert Pods, PodTemplates, Jobs, CronJobs and Lists so their containers run one after the other; other objects pass through unchanged. Steps without command run what their image runs, looked up in its registry. Writes nothing unless every document converts.")
        {
            filename, recursive, output, image, requests,
        };
        lookup.AddTo(command);
        command.SetAction(result => Execute(
            console,
            new ConvertRequest(
                result.GetValue(filename) ?? [],
                result.GetValue(recursive),
                result.GetValue(output) == "json" ? OutputFormat.Json : OutputFormat.Yaml,
                result.GetValue(image),
                result.GetValue(requests) == "as-written" ? RequestsMode.AsWritten : RequestsMode.Peak,
                lookup.Read(result))));
        return command;
    }

    private static int Execute(CliConsole console, ConvertRequest request)
    {
        if (Validate(console, request) is { } usageError)
        {
            return Usage(console, usageError);
        }

        if (StepImageSources.Check(request.Lookup) is { } lookupError)
        {
            console.Error.WriteLine($"error: {lookupError}");
            return ExitCodes.InputError;
        }

        var filenames = request.Filenames.Count == 0 ? ["-"] : request.Filenames;
        var options = new ConversionOptions { EntrypointImage = ResolveImage(console, request), Requests = request.Requests };
        var (sources, listErrors) = InputCollector.Collect(filenames, request.Recursive, console.OpenStandardInput);
        try
        {
            using var images = StepImageSources.Create(request.Lookup, console.GetEnvironmentVariable);
            using var spool = new OutputSpool();
            using var output = new ManifestWriter(request.Format, spool);
            if (!ConvertPipeline.Run(sources, options, output, error => console.Error.WriteLine(error.ToString()), listErrors, images: images.Source))
            {
                return ExitCodes.InputError;
            }

            output.Complete();
            spool.CopyTo(console.Out);
            return ExitCodes.Success;
        }
        catch (OutputSpoolException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    private static string? Validate(CliConsole console, ConvertRequest request)
    {
        if (request.Filenames.Count(f => f == "-") > 1)
        {
            return "-f - (standard input) can be given only once";
        }

        if (request.Filenames.Count == 0 && !console.IsInputRedirected)
        {
            return "no input: pass -f FILE, -f DIR, or -f - and pipe manifests to standard input";
        }

        if (request.Filenames.Any(string.IsNullOrWhiteSpace))
        {
            return "-f needs a file name, a directory or -";
        }

        var image = ResolveImage(console, request);
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace))
        {
            return $"the entrypoint image \"{image}\" is not an image reference; pass --entrypoint-image IMAGE or fix ${ImageVariable}";
        }

        return null;
    }

    // The flag wins over the environment, which wins over the built-in default; an empty variable counts as unset.
    private static string ResolveImage(CliConsole console, ConvertRequest request) =>
        request.Image
        ?? (console.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null)
        ?? ConversionOptions.DefaultEntrypointImage;

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"error: {message}");
        console.Error.WriteLine("Run 'kueueleuleu convert --help' for usage.");
        return ExitCodes.UsageError;
    }

    private sealed record ConvertRequest(IReadOnlyList<string> Filenames, bool Recursive, OutputFormat Format, string? Image, RequestsMode Requests, ImageLookupSettings Lookup);
}
