using System.Text;
using Kueueleuleu.Cli.Commands;
using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Cli.Tests.Support;

/// <summary>Runs <see cref="ConvertPipeline"/> on in-memory inputs and gives its output as text.</summary>
internal static class Pipeline
{
    public static (string? Output, List<Diagnostic> Errors) Convert(IReadOnlyList<InputSource> sources, OutputFormat format)
    {
        var errors = new List<Diagnostic>();
        using var buffer = new MemoryStream();
        using (var writer = new ManifestWriter(format, buffer))
        {
            if (!ConvertPipeline.Run(sources, new ConversionOptions(), writer, errors.Add))
            {
                return (null, errors);
            }

            writer.Complete();
        }

        return (Encoding.UTF8.GetString(buffer.ToArray()), errors);
    }
}
