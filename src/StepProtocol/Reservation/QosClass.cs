namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>A Pod's quality-of-service class, as the kubelet derives it from its containers' requests and limits.</summary>
public enum QosClass
{
    /// <summary>No container requests or limits CPU or memory.</summary>
    BestEffort,

    /// <summary>Anything between: some requests or limits, not all equal.</summary>
    Burstable,

    /// <summary>Every container has CPU and memory limits, and requests equal to them.</summary>
    Guaranteed,
}
