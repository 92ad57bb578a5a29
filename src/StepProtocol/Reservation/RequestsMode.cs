namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>What a converted Pod requests of the scheduler, ResourceQuota and queues.</summary>
public enum RequestsMode
{
    /// <summary>
    /// Per resource, the most the steps can use at once (<see cref="PeakRequestsPlanner"/>), carried by the injected init
    /// container; the steps request zero of it and keep their limits.
    /// </summary>
    Peak,

    /// <summary>Every container's requests as written: the Pod requests their sum.</summary>
    AsWritten,
}
