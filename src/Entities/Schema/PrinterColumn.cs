namespace Kueueleuleu.Entities.Schema;

/// <summary>A column of <c>kubectl get</c> (<c>additionalPrinterColumns</c>).</summary>
/// <param name="Name">The column header.</param>
/// <param name="Type">The OpenAPI type of the value: <c>string</c>, <c>integer</c>, <c>date</c>, ...</param>
/// <param name="JsonPath">Where the value is, such as <c>.status.phase</c>.</param>
/// <param name="Description">What the column shows.</param>
/// <param name="Priority">0 for the default view, 1 for <c>-o wide</c> only.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority = 0);
