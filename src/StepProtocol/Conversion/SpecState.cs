namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>How far a pod spec has already been converted.</summary>
internal enum SpecState
{
    /// <summary>Nothing of ours is there: convert it.</summary>
    Original,

    /// <summary>Everything of ours is there: converting again changes nothing.</summary>
    Converted,

    /// <summary>Some of ours is there but not all: an edited output, which cannot be converted safely.</summary>
    Partial,
}
