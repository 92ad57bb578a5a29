namespace Kueueleuleu.Cli.Input;

/// <summary>The inputs of a run went past the <see cref="InputBudget"/>.</summary>
internal sealed class InputBudgetException : Exception
{
    public InputBudgetException()
    {
    }

    public InputBudgetException(string message)
        : base(message)
    {
    }

    public InputBudgetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
