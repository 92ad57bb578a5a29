namespace Kueueleuleu.Yaml;

/// <summary>
/// One thing met while streaming an input, in input order: a <see cref="ReadDocument"/> or a <see cref="ReadError"/>.
/// </summary>
public abstract record ReadItem;
