using Kueueleuleu.StepProtocol.Conversion;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>Where a Pod's requests move under <see cref="RequestsMode.Peak"/>.</summary>
/// <param name="InitRequests">
/// Per reduced resource, what the injected init container requests: the most the steps can use at once plus the native
/// sidecars that run beside them.
/// </param>
/// <param name="Zeroed">The steps and resources whose request becomes an explicit zero.</param>
internal sealed record PeakRequestsPlan(
    IReadOnlyDictionary<string, Quantity> InitRequests,
    IReadOnlyList<(NamedItem Step, string Resource)> Zeroed);
