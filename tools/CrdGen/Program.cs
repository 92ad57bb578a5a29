using Kueueleuleu.CrdGen;

return CrdGenCommand.Run(args, Directory.GetCurrentDirectory(), Console.Out, Console.Error);
