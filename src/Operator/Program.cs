// The operator's host is assembled in Hosting/; this file only starts it.
return await Kueueleuleu.Operator.Hosting.OperatorHost.RunAsync(args);
