namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>What a step's failure means for the steps that wait for it.</summary>
public enum OnErrorPolicy
{
    /// <summary>Dependants are skipped (the default).</summary>
    Stop,

    /// <summary>The failure is tolerated: dependants run.</summary>
    Continue,
}
